// The soak's site hosts: `medfl participants` processes, each running a slice of the sites with the faults aimed at them.
import { writeFileSync } from 'node:fs';
import type { MedflError } from '../../../common/MedflError.ts';
import { join } from 'node:path';
import { MedflProcess, parseJsonLine } from '../../../consortium/MedflProcess.ts';
import { logsDir } from '../../../consortium/partyProcesses.ts';
import type { SiteFault } from '../../../participant/host/siteFaults.ts';
import type { SoakWorld } from './soakWorld.ts';

export interface SoakHosts {
  readonly processes: MedflProcess[];
  /** Each host's log (its sites' JSON lines), in the order of `processes`. */
  readonly logFiles: string[];
  /** Faults the hosts report as applied, as they happen. */
  readonly applied: SiteFault[];
  /** The first host that died unasked, if any. */
  failed(): MedflError | undefined;
}

export function startSoakHosts(world: SoakWorld, address: string, faults: readonly SiteFault[], sitesPerHost: number): SoakHosts {
  const sites = [...world.plan.consortium.sites];
  const applied: SiteFault[] = [];
  const processes: MedflProcess[] = [];
  const logFiles: string[] = [];
  let failure: MedflError | undefined;
  for (let first = 0; first < sites.length; first += sitesPerHost) {
    const slice = sites.slice(first, first + sitesPerHost);
    const name = `host-${processes.length + 1}`;
    const faultsFile = join(world.dir, `${name}-faults.json`);
    writeFileSync(faultsFile, JSON.stringify(faults.filter((fault) => slice.includes(fault.site))));
    const args = [
      'participants', '--json', '--kits', ...slice.map((id) => world.kitDirs[id]!), '--data', world.dataDir, '--coordinator', address,
      '--rpc', world.chain.rpcUrl, '--ledger', world.chain.ledgerAddress, '--out', join(world.dir, 'sites'), '--faults', faultsFile,
    ];
    const logFile = join(logsDir(world.dir), `${name}.log`);
    const host = new MedflProcess(name, args, logFile);
    host.onLine((line) => {
      const event = parseJsonLine(line);
      if (event?.event === 'fault') applied.push({ round: Number(event.round), kind: event.kind as SiteFault['kind'], site: String(event.site), delayMs: Number(event.delayMs) });
    });
    void host.failure().then((error) => (failure ??= error));
    processes.push(host);
    logFiles.push(logFile);
  }
  return { processes, logFiles, applied, failed: () => failure };
}
