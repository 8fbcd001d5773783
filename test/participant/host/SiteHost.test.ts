// What SiteHost refuses before any node runs; hosting real nodes through stops, restarts and a whole run is exercised
// by the short soak (test/experiments/benchmarks/soak/runSoak.test.ts).
import { describe, expect, it } from 'vitest';
import { SiteHost, type HostedSite } from '../../../participant/host/SiteHost.ts';

const site = (id: string): HostedSite => ({
  id, kitDir: `/nonexistent/${id}`, coordinator: '127.0.0.1:1', outDir: `/nonexistent/out/${id}`,
  splitFor: () => { throw new Error('not reached'); },
  codecFor: () => { throw new Error('not reached'); },
  ledgerFor: () => { throw new Error('not reached'); },
});

describe('SiteHost', () => {
  it('refuses a site hosted twice', () => {
    expect(() => new SiteHost([site('a'), site('a')])).toThrow(expect.objectContaining({ code: 'USAGE', message: 'site a is hosted twice' }));
  });

  it('refuses to start a site it does not host, naming the ones it does', () => {
    const host = new SiteHost([site('a'), site('b')]);
    expect(() => host.start('c')).toThrow(expect.objectContaining({ code: 'USAGE', message: 'site c is not hosted here (hosted: a, b)' }));
    expect(host.isRunning('a')).toBe(false);
  });

  it("starts no node when a site's kit cannot be read", () => {
    const host = new SiteHost([site('a')]);
    expect(() => host.start('a')).toThrow(expect.objectContaining({ code: 'KIT_INVALID', message: 'no kit at /nonexistent/a; create kits with medfl provision' }));
    expect(host.isRunning('a')).toBe(false);
  });
});
