import { describe, expect, it } from 'vitest';
import { SiteCallLimits } from '../../../coordinator/server/SiteCallLimits.ts';

describe('SiteCallLimits', () => {
  it('caps calls and connections per site, and frees a slot when a call ends', () => {
    const limits = new SiteCallLimits({ callsPerSite: 3, connectionsPerSite: 2 });
    const first = limits.enter('site-a', '127.0.0.1:1001');
    limits.enter('site-a', '127.0.0.1:1002');
    expect(() => limits.enter('site-a', '127.0.0.1:1003')).toThrow(expect.objectContaining({
      code: 'SITE_LIMIT_EXCEEDED', message: 'site site-a already has 2 connections open, the most one site may hold; reuse one',
    }));
    limits.enter('site-a', '127.0.0.1:1001');
    expect(() => limits.enter('site-a', '127.0.0.1:1001')).toThrow('site site-a already has 3 calls open');
    expect(() => limits.enter('site-b', '127.0.0.1:2001')).not.toThrow();
    first();
    first(); // ending a call twice frees one slot only
    expect(limits.callsOf('site-a')).toBe(2);
    expect(() => limits.enter('site-a', '127.0.0.1:1001')).not.toThrow();
  });
});
