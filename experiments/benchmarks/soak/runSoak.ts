// The soak: N sites in a few `medfl participants` processes, a `medfl coordinator`, an embedded chain, and one fault
// per round. Each round is awaited until it commits or stalls; memory is sampled at every commit, and what committed
// is read back from the chain.
import { createServer } from 'node:net';
import { join } from 'node:path';
import { MedflError } from '../../../common/MedflError.ts';
import type { SiteFault } from '../../../participant/host/siteFaults.ts';
import { coordinatorAttempts } from './coordinatorAttempts.ts';
import { faultSchedule, type FaultKind, type RoundFault } from './faultSchedule.ts';
import { hostHeaps } from './hostHeaps.ts';
import { processAnonMb, processRssMb } from './processRss.ts';
import { SoakCoordinator, type CommitSeen } from './SoakCoordinator.ts';
import { startSoakHosts, type SoakHosts } from './soakHosts.ts';
import { soakRounds, summarizeSoak, type RssAtCommit, type SoakRound, type SoakSummary } from './soakRounds.ts';
import { soakWorld } from './soakWorld.ts';

export interface SoakOptions {
  readonly sites: number;
  readonly rounds: number;
  readonly sitesPerHost: number;
  readonly seed: number;
  readonly patientsPerSite: number;
  readonly coordinatorEvery: number;
  /** The fault kinds drawn from, one fault a round at most. */
  readonly faultKinds: readonly FaultKind[];
  readonly roundDeadlineSeconds: number;
  readonly minDelayMs: number;
  readonly maxDelayMs: number;
  readonly workDir: string;
}

export interface SoakResult {
  readonly runId: string;
  readonly runState: string;
  /** From the site hosts' start to round 1 collecting: every site dealing its threshold key shares to every other. */
  readonly keySetupSeconds: number | null;
  readonly hosts: number;
  readonly rounds: SoakRound[];
  readonly summary: SoakSummary;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** True once `round` commits; false if it has not within `stallMs` (a stuck round) or the run ended without it. */
async function committed(coordinator: SoakCoordinator, hosts: SoakHosts, round: number, stallMs: number): Promise<boolean> {
  const until = Date.now() + stallMs;
  while (Date.now() < until) {
    const failure = coordinator.failure ?? hosts.failed();
    if (failure) throw failure;
    if (coordinator.commits.has(round)) return true;
    if (coordinator.finishedState) return false;
    await sleep(100);
  }
  return false;
}

/** Awaits rounds 1..`rounds` in turn, restarting the coordinator where the schedule says; the first round that stalls ends it. */
async function driveRounds(coordinator: SoakCoordinator, hosts: SoakHosts, rounds: number, faults: readonly RoundFault[], stallMs: number): Promise<number[]> {
  const restarted: number[] = [];
  for (let round = 1; round <= rounds; round += 1) {
    const fault = faults.find((scheduled) => scheduled.round === round);
    const restart = fault?.kind === 'coordinator-restart'
      ? sleep(fault.delayMs).then(async () => {
        await coordinator.restart();
        restarted.push(round);
      })
      : undefined;
    const done = await committed(coordinator, hosts, round, stallMs);
    await restart;
    if (!done) break;
  }
  return restarted;
}

/** `read`'s MB summed over the site hosts, or null unless every host answered. */
function hostsTotal(hosts: SoakHosts | undefined, read: (pid: number | undefined) => number | null): number | null {
  const values = hosts?.processes.map((party) => read(party.pid)) ?? [];
  return values.length > 0 && values.every((mb) => mb !== null) ? values.reduce((sum, mb) => sum! + mb!, 0) : null;
}

export async function runSoak(options: SoakOptions): Promise<SoakResult> {
  const world = await soakWorld({ dir: options.workDir, ...options });
  const faults = faultSchedule({ ...options, kinds: options.faultKinds, sites: world.plan.consortium.sites });
  const rss = new Map<number, RssAtCommit>();
  let hosts: SoakHosts | undefined;
  const coordinator = new SoakCoordinator(world, await freePort(), (commit: CommitSeen) => {
    rss.set(commit.round, {
      coordinatorMb: processRssMb(coordinator.pid),
      coordinatorAnonMb: processAnonMb(coordinator.pid),
      hostsMb: hostsTotal(hosts, processRssMb),
      hostsAnonMb: hostsTotal(hosts, processAnonMb),
    });
  });
  try {
    const address = await coordinator.start();
    const started = { at: performance.now(), unixMs: Date.now() };
    hosts = startSoakHosts(world, address, faults.filter((fault): fault is SiteFault => fault.kind !== 'coordinator-restart'), options.sitesPerHost);
    const stallMs = (2 * options.roundDeadlineSeconds + 120) * 1000;
    const restarted = await driveRounds(coordinator, hosts, options.rounds, faults, stallMs);
    for (let i = 0; i < 600 && !coordinator.finishedState; i += 1) await sleep(100);
    const runId = [...coordinator.commits.values()][0]?.runId;
    if (!runId) throw new MedflError('ROUND_FAILED', `the soak committed no round; see ${join(world.dir, 'logs')}`);
    const log = coordinatorAttempts(join(world.dir, 'logs', 'coordinator.log'));
    const rounds = await soakRounds({ ledger: world.ledger, runId, startedAt: started.at, commits: coordinator.commits, rss, attempts: log.attempts, heapUsedMb: log.heapUsedMb, heapAfterGcMb: log.heapAfterGcMb, hostsHeapAfterGcMb: hostHeaps(hosts.logFiles), faults, applied: hosts.applied, restarted });
    return {
      runId,
      runState: coordinator.finishedState ?? 'RUNNING',
      keySetupSeconds: log.firstCollectingUnixMs !== undefined ? (log.firstCollectingUnixMs - started.unixMs) / 1000 : null,
      hosts: hosts.processes.length,
      rounds,
      summary: summarizeSoak(rounds, { plannedRounds: options.rounds, minUpdates: world.plan.consortium.minUpdates, latestOnChain: await world.ledger.latestRound(runId), repeatedAnnouncements: coordinator.repeatedAnnouncements }),
    };
  } finally {
    await Promise.all([...(hosts?.processes ?? []).map((party) => party.stop()), coordinator.stop()]);
    await world.stop();
  }
}
