// Issue 17's fuzz at a live coordinator: a real run (anvil, `medfl coordinator`, honest `medfl participant`s), and while
// its round collects, malformed messages from an authenticated consortium site, bounded in count and time. Then the
// checks: the coordinator process is the one that started (never exited), every message got a named status, nothing
// malformed was taken, and the round in progress commits on chain with the honest sites' updates.
import { loadKit, type Kit } from '../../../common/kit/loadKit.ts';
import { MedflError } from '../../../common/MedflError.ts';
import type { RoundTask } from '../../../common/wire/protocolTypes.ts';
import { CoordinatorClient } from '../../../participant/node/CoordinatorClient.ts';
import { fireFuzz, type FuzzRecord } from './fireFuzz.ts';
import { fuzzCases } from './fuzzCases.ts';
import { FuzzClient } from './FuzzClient.ts';
import { FUZZING_SITE, HONEST_SITES, startFuzzConsortium, type FuzzConsortium } from './fuzzConsortium.ts';
import { fuzzMaterial } from './fuzzMaterial.ts';
import { summarizeFuzz, type FuzzSummary } from './fuzzSummary.ts';

export interface FuzzOptions {
  readonly count: number;
  readonly seed: number;
  /** The round's deadline: it must outlast site start-up, training and the whole fuzz, since the round closes only then. */
  readonly roundDeadlineSeconds: number;
  /** Wall-time bound on sending, from the round's opening: messages stop when either bound is reached. */
  readonly fuzzSeconds: number;
  /**
   * Bound on the coordinator's start and the round's opening, and on the attestations and commit after the deadline:
   * generous for a niced bench on a loaded machine, which gets little CPU.
   */
  readonly slackSeconds: number;
}

export interface FuzzReport extends FuzzSummary {
  readonly records: FuzzRecord[];
  readonly fuzzSeconds: number;
  /** The round state when the last message was answered: COLLECTING means every message met the round in progress. */
  readonly roundStateAfterFuzz: string;
  /** Coordinator exits during the run (0 or 1: the process is started once and never restarted). */
  readonly crashes: number;
  readonly coordinatorPid: number;
  readonly roundCommitted: boolean;
  readonly latestRoundOnChain: number;
  /** The sites whose updates the committed round holds. */
  readonly contributors: string[];
  readonly totalSeconds: number;
}

async function openTask(client: CoordinatorClient, timeoutMs: number): Promise<RoundTask> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const status = await client.getRunStatus();
    if (status.roundState === 'COLLECTING' && status.task) return status.task;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new MedflError('TRANSPORT_UNAVAILABLE', `the fuzz run's round did not start collecting within ${timeoutMs / 1000} s`);
}

/** The contributors of round `round` as the coordinator announced its commit, or undefined if it never did. */
function committedRound(consortium: FuzzConsortium, round: number, timeoutMs: number): Promise<string[] | undefined> {
  const contributors = (line: Record<string, unknown>) =>
    line.event === 'committed' && line.round === round ? ((line.contributions as { site: string }[] | undefined) ?? []).map((leaf) => leaf.site).sort() : undefined;
  return consortium.coordinator.waitForJson(contributors, timeoutMs).catch(() => undefined);
}

async function fuzzOpenRound(consortium: FuzzConsortium, kit: Kit, options: FuzzOptions): Promise<{ records: FuzzRecord[]; roundState: string; seconds: number }> {
  const watcher = CoordinatorClient.connect(consortium.address, kit.tls, kit.consortium.coordinator);
  const fuzzer = FuzzClient.connect(consortium.address, kit.tls, kit.consortium.coordinator);
  try {
    const task = await openTask(watcher, options.slackSeconds * 1000);
    const opened = Date.now();
    const material = await fuzzMaterial(consortium.plan, kit, task, HONEST_SITES[0]);
    const records = await fireFuzz(fuzzer, fuzzCases(material, options.seed, options.count), opened + options.fuzzSeconds * 1000);
    const seconds = (Date.now() - opened) / 1000;
    return { records, roundState: (await watcher.getRunStatus()).roundState, seconds };
  } finally {
    fuzzer.close();
    watcher.close();
  }
}

/** A fresh run's first round: the one the fuzz meets. */
const FUZZED_ROUND = 1;

export async function runFuzz(options: FuzzOptions): Promise<FuzzReport> {
  const started = performance.now();
  const consortium = await startFuzzConsortium(options.roundDeadlineSeconds, options.slackSeconds * 1000);
  try {
    // Listening from the start, so a commit is seen whenever it comes.
    const commit = committedRound(consortium, FUZZED_ROUND, (options.roundDeadlineSeconds + 2 * options.slackSeconds) * 1000);
    const kit = loadKit(consortium.kits[FUZZING_SITE]!);
    const { records, roundState, seconds } = await fuzzOpenRound(consortium, kit, options);
    const contributors = await commit;
    const latestRoundOnChain = await consortium.ledger.latestRound(consortium.runId);
    return {
      ...summarizeFuzz(records), records, fuzzSeconds: seconds, roundStateAfterFuzz: roundState,
      // The process started for this run: never restarted by anyone, so a crash is it no longer running.
      crashes: consortium.coordinator.running ? 0 : 1, coordinatorPid: consortium.coordinator.pid!,
      roundCommitted: contributors !== undefined && latestRoundOnChain >= FUZZED_ROUND, latestRoundOnChain, contributors: contributors ?? [],
      totalSeconds: (performance.now() - started) / 1000,
    };
  } finally {
    await consortium.stop();
  }
}
