// The soak's per-round record, read back from the chain (block, updates), the coordinator's log (attempts) and the
// samples taken at each commit, and its summary: stuck rounds, order of the commits, memory slopes.
import type { LedgerClient } from '../../../contracts/LedgerClient.ts';
import type { SiteFault } from '../../../participant/host/siteFaults.ts';
import type { RoundFault } from './faultSchedule.ts';
import { rssSlope } from './rssSlope.ts';
import type { CommitSeen } from './SoakCoordinator.ts';

export interface SoakRound {
  readonly round: number;
  /** Attempts the coordinator opened for the round (1 when nothing had to be retried). */
  readonly attempts: number;
  /** Contributions in the committed round, on chain. */
  readonly updates: number;
  readonly commitBlock: number;
  /** From the previous commit (round 1: from the site hosts' start, so it holds the key-share dealing). */
  readonly seconds: number;
  readonly fault: string;
  readonly faultSite: string | null;
  /** Whether the fault happened: a site fault when its host reports it, a coordinator restart when it was done. */
  readonly faultApplied: boolean;
  readonly coordinatorLife: number;
  readonly coordinatorRssMb: number | null;
  /** The coordinator's anonymous resident memory (its RSS less the mapped store's pages). */
  readonly coordinatorAnonMb: number | null;
  /** The V8 heap in use the coordinator logged with the commit: what it retains, plus garbage not yet collected. */
  readonly coordinatorHeapUsedMb: number | null;
  /** The heap as the coordinator's last major collection before the commit left it: what it retains. */
  readonly coordinatorHeapAfterGcMb: number | null;
  readonly hostsRssMb: number | null;
  /** The site hosts' anonymous resident memory together: V8 heaps, the wasm memories of SEAL and tfjs, malloc. */
  readonly hostsAnonMb: number | null;
  /** What the site hosts' V8 heaps retained, as their sites logged it on adopting the round (see hostHeaps). */
  readonly hostsHeapAfterGcMb: number | null;
}

/** Resident memory sampled when a commit is announced: the coordinator's, and the site hosts' together. */
export interface RssAtCommit {
  readonly coordinatorMb: number | null;
  readonly coordinatorAnonMb: number | null;
  readonly hostsMb: number | null;
  readonly hostsAnonMb: number | null;
}

export interface SoakRoundsInput {
  readonly ledger: LedgerClient;
  readonly runId: string;
  readonly startedAt: number;
  readonly commits: ReadonlyMap<number, CommitSeen>;
  readonly rss: ReadonlyMap<number, RssAtCommit>;
  readonly attempts: ReadonlyMap<number, ReadonlySet<number>>;
  readonly heapUsedMb: ReadonlyMap<number, number>;
  readonly heapAfterGcMb: ReadonlyMap<number, number>;
  readonly hostsHeapAfterGcMb: ReadonlyMap<number, number>;
  readonly faults: readonly RoundFault[];
  readonly applied: readonly SiteFault[];
  /** The rounds whose scheduled coordinator restart was done. */
  readonly restarted: readonly number[];
}

function wasApplied(fault: RoundFault, input: SoakRoundsInput): boolean {
  if (fault.kind === 'coordinator-restart') return input.restarted.includes(fault.round);
  return input.applied.some((seen) => seen.round === fault.round && seen.kind === fault.kind && seen.site === fault.site);
}

export async function soakRounds(input: SoakRoundsInput): Promise<SoakRound[]> {
  const rounds: SoakRound[] = [];
  for (let round = 1; input.commits.has(round); round += 1) {
    const commit = input.commits.get(round)!;
    const previous = round === 1 ? input.startedAt : input.commits.get(round - 1)!.at;
    const events = await input.ledger.roundEvents(input.runId, round);
    const fault = input.faults.find((f) => f.round === round);
    rounds.push({
      round,
      attempts: input.attempts.get(round)?.size ?? 0,
      updates: events?.contributions.length ?? 0,
      commitBlock: events?.blockNumber ?? -1,
      seconds: (commit.at - previous) / 1000,
      fault: fault?.kind ?? 'none',
      faultSite: fault && fault.kind !== 'coordinator-restart' ? fault.site : null,
      faultApplied: fault ? wasApplied(fault, input) : false,
      coordinatorLife: commit.life,
      coordinatorRssMb: input.rss.get(round)?.coordinatorMb ?? null,
      coordinatorAnonMb: input.rss.get(round)?.coordinatorAnonMb ?? null,
      coordinatorHeapUsedMb: input.heapUsedMb.get(round) ?? null,
      coordinatorHeapAfterGcMb: input.heapAfterGcMb.get(round) ?? null,
      hostsRssMb: input.rss.get(round)?.hostsMb ?? null,
      hostsAnonMb: input.rss.get(round)?.hostsAnonMb ?? null,
      hostsHeapAfterGcMb: input.hostsHeapAfterGcMb.get(round) ?? null,
    });
  }
  return rounds;
}

export interface SoakSummary {
  readonly plannedRounds: number;
  readonly committedRounds: number;
  /** Planned rounds that did not commit (the soak stops at the first one that stalls). */
  readonly stuckRounds: number;
  /** Rounds 1..n each on chain once, in increasing blocks, and the chain's latest round is the last one. */
  readonly commitsInOrder: boolean;
  readonly everyRoundAtLeastMinUpdates: boolean;
  readonly minUpdates: number;
  readonly faultsApplied: number;
  /** A restarted coordinator announcing a commit it had announced before (not a second commit). */
  readonly repeatedAnnouncements: number;
  readonly medianRoundSeconds: number | null;
  /**
   * Least-squares MB per round over rounds 2..n. The coordinator's has one intercept per process lifetime and leaves
   * out each restarted lifetime's first sample: taken at the commit of the round it was restarted in, from a process
   * seconds old, it is low for the same reason round 1 is left out, and would charge the warm-up to the slope.
   */
  readonly coordinatorRssSlopeMbPerRound: number | null;
  readonly coordinatorAnonSlopeMbPerRound: number | null;
  readonly coordinatorHeapUsedSlopeMbPerRound: number | null;
  readonly coordinatorHeapAfterGcSlopeMbPerRound: number | null;
  readonly hostsRssSlopeMbPerRound: number | null;
  readonly hostsAnonSlopeMbPerRound: number | null;
  readonly hostsHeapAfterGcSlopeMbPerRound: number | null;
}

export function summarizeSoak(rounds: readonly SoakRound[], context: { plannedRounds: number; minUpdates: number; latestOnChain: number; repeatedAnnouncements: number }): SoakSummary {
  const warm = rounds.filter((r) => r.round > 1);
  const seconds = warm.map((r) => r.seconds).sort((a, b) => a - b);
  const samples = (from: readonly SoakRound[], pick: (r: SoakRound) => number | null, life: (r: SoakRound) => number) =>
    from.flatMap((r) => (pick(r) === null ? [] : [{ round: r.round, mb: pick(r)!, life: life(r) }]));
  const warmCoordinator = warm.filter((r) => rounds.some((earlier) => earlier.round < r.round && earlier.coordinatorLife === r.coordinatorLife));
  return {
    plannedRounds: context.plannedRounds,
    committedRounds: rounds.length,
    stuckRounds: context.plannedRounds - rounds.length,
    commitsInOrder: rounds.every((r, i) => r.round === i + 1 && r.commitBlock > (rounds[i - 1]?.commitBlock ?? 0)) && context.latestOnChain === rounds.length,
    everyRoundAtLeastMinUpdates: rounds.every((r) => r.updates >= context.minUpdates),
    minUpdates: context.minUpdates,
    faultsApplied: rounds.filter((r) => r.faultApplied).length,
    repeatedAnnouncements: context.repeatedAnnouncements,
    medianRoundSeconds: seconds.length > 0 ? seconds[Math.floor(seconds.length / 2)]! : null,
    coordinatorRssSlopeMbPerRound: rssSlope(samples(warmCoordinator, (r) => r.coordinatorRssMb, (r) => r.coordinatorLife)),
    coordinatorAnonSlopeMbPerRound: rssSlope(samples(warmCoordinator, (r) => r.coordinatorAnonMb, (r) => r.coordinatorLife)),
    coordinatorHeapUsedSlopeMbPerRound: rssSlope(samples(warmCoordinator, (r) => r.coordinatorHeapUsedMb, (r) => r.coordinatorLife)),
    coordinatorHeapAfterGcSlopeMbPerRound: rssSlope(samples(warmCoordinator, (r) => r.coordinatorHeapAfterGcMb, (r) => r.coordinatorLife)),
    hostsRssSlopeMbPerRound: rssSlope(samples(warm, (r) => r.hostsRssMb, () => 1)),
    hostsAnonSlopeMbPerRound: rssSlope(samples(warm, (r) => r.hostsAnonMb, () => 1)),
    hostsHeapAfterGcSlopeMbPerRound: rssSlope(samples(warm, (r) => r.hostsHeapAfterGcMb, () => 1)),
  };
}
