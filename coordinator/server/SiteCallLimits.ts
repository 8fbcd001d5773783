// Per-site caps on what a site holds open at once: calls (HTTP/2 streams) and connections. HTTP/2's own
// max_concurrent_streams is per connection, so a site opening many connections would slip past it alone.
import { MedflError } from '../../common/MedflError.ts';

export interface SiteLimits {
  /**
   * A well-behaved site holds one WatchRun and at most one upload, aggregate fetch and unary call at a time; 8 leaves
   * room for a reconnect overlapping calls the server has not yet seen end.
   */
  readonly callsPerSite: number;
  /** One channel per site normally; 4 covers reconnects while the old connection waits for keepalive to drop it. */
  readonly connectionsPerSite: number;
}

export const SITE_LIMITS: SiteLimits = { callsPerSite: 8, connectionsPerSite: 4 };

export class SiteCallLimits {
  /** Per site: open calls per connection (the peer's address and port). */
  private readonly open = new Map<string, Map<string, number>>();

  constructor(readonly limits: SiteLimits = SITE_LIMITS) {}

  /** Counts one call of `site` over connection `peer`, or refuses it; the returned function ends it (once). */
  enter(site: string, peer: string): () => void {
    const connections = this.open.get(site) ?? new Map<string, number>();
    const calls = [...connections.values()].reduce((sum, count) => sum + count, 0);
    if (calls >= this.limits.callsPerSite) {
      throw new MedflError('SITE_LIMIT_EXCEEDED', `site ${site} already has ${calls} calls open, the most one site may hold; wait for one to end`);
    }
    if (!connections.has(peer) && connections.size >= this.limits.connectionsPerSite) {
      throw new MedflError('SITE_LIMIT_EXCEEDED', `site ${site} already has ${connections.size} connections open, the most one site may hold; reuse one`);
    }
    connections.set(peer, (connections.get(peer) ?? 0) + 1);
    this.open.set(site, connections);
    let left = false;
    return () => {
      if (!left) this.leave(site, peer);
      left = true;
    };
  }

  /** Calls now open per site, for tests and status. */
  callsOf(site: string): number {
    return [...(this.open.get(site)?.values() ?? [])].reduce((sum, count) => sum + count, 0);
  }

  private leave(site: string, peer: string): void {
    const connections = this.open.get(site);
    const count = connections?.get(peer) ?? 0;
    if (!connections || count === 0) return;
    if (count > 1) connections.set(peer, count - 1);
    else connections.delete(peer);
    if (connections.size === 0) this.open.delete(site);
  }
}
