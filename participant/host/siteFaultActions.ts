// What a hosted site's fault drill does to it: each fault taken once, and a restart done by its host, in the background.
import type { Logger } from '../../common/log.ts';
import type { FaultActions } from './faultyConnection.ts';
import type { SiteFault, SiteFaultKind } from './siteFaults.ts';

/** `restart` is the host's (SiteHost.restart), looked up when a fault fires: the host may not exist yet when this is built. */
export function siteFaultActions(restart: (site: string, afterMs: number) => Promise<void>, site: string, faults: readonly SiteFault[], log: Logger, onFault: (fault: SiteFault) => void): FaultActions {
  const pending = faults.filter((fault) => fault.site === site);
  return {
    take(round: number, kinds: readonly SiteFaultKind[]) {
      const index = pending.findIndex((fault) => fault.round === round && kinds.includes(fault.kind));
      if (index < 0) return undefined;
      const [fault] = pending.splice(index, 1);
      log.warn({ ...fault }, 'fault drill');
      onFault(fault!);
      return fault;
    },
    restart(afterMs: number) {
      // Not awaited: the call that triggers it runs inside the node that restart() stops and waits for.
      void restart(site, afterMs).catch((error: unknown) => log.error({ err: error }, 'fault drill: restart failed'));
    },
  };
}
