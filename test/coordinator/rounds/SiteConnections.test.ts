import { describe, expect, it } from 'vitest';
import { SiteConnections } from '../../../coordinator/rounds/SiteConnections.ts';

describe('SiteConnections', () => {
  it('counts a site reachable during an attempt while any of its WatchRun streams is open or once it called in that attempt', () => {
    const connections = new SiteConnections();
    const attempt = new Set<string>();
    const first = connections.watch('site-a');
    const second = connections.watch('site-a');
    connections.called('site-b', attempt);
    connections.called('site-c', undefined);
    expect(connections.connectedDuring(attempt)).toEqual(new Set(['site-a', 'site-b']));
    first();
    first();
    expect(connections.connectedDuring(new Set())).toEqual(new Set(['site-a']));
    second();
    expect(connections.connectedDuring(new Set())).toEqual(new Set());
    expect(connections.ever).toEqual(new Set(['site-b', 'site-c']));
  });
});

describe('SiteConnections for the live run page', () => {
  it('keeps each site\'s last call time and lists the sites with a WatchRun open now', () => {
    const connections = new SiteConnections();
    connections.called('site-a', undefined, 1_000);
    connections.called('site-a', undefined, 5_000);
    const unwatch = connections.watch('site-b');
    expect(connections.lastSeen('site-a')).toBe(5_000);
    expect(connections.lastSeen('site-b')).toBeUndefined();
    expect(connections.watchers()).toEqual(new Set(['site-b']));
    unwatch();
    expect(connections.watchers()).toEqual(new Set());
  });
});
