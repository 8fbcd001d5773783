// What the live run page shows, built from the coordinator's status, its committed rounds and what the chain says of
// them. Only public facts: ids, hashes, counts and mean test metrics; never envelopes, digests, keys or file paths.
import type { EvaluationSummary } from '../../common/strategies/Strategy.ts';
import type { CommittedRound, RoundState, RunState, RunStatus } from '../../common/wire/protocolTypes.ts';

/** One committed round as the chain holds it; `error` when the chain could not be read. */
export interface RoundOnChain {
  readonly modelHash?: string;
  readonly blockNumber?: number;
  readonly confirmations: number;
  readonly error?: string;
}

export type Verification = 'checking' | 'confirmed' | 'pending' | 'missing' | 'mismatch' | 'unreachable';

export interface RoundView {
  readonly round: number;
  readonly modelHash: string;
  readonly txHash: string;
  readonly block: number | null;
  readonly contributors: readonly { readonly site: string; readonly examples: number }[];
  readonly attesters: readonly string[];
  readonly totalExamples: number;
  /** The sites' test metrics of the round's model, combined as the run's strategy combines them. */
  readonly metrics: EvaluationSummary;
  readonly verification: Verification;
  readonly confirmations: number | null;
}

export interface CurrentRoundView {
  readonly round: number;
  readonly attempt: number;
  readonly state: RoundState;
  readonly deadlineUnixMs: number;
  readonly updatesIn: readonly string[];
  readonly attestationsIn: readonly string[];
}

export interface SiteView {
  readonly site: string;
  /** A WatchRun stream is open: the site follows the run now. */
  readonly connected: boolean;
  readonly lastSeenUnixMs: number | null;
  /** Its updates in committed rounds, plus one accepted in the round now open. */
  readonly updatesAccepted: number;
}

export interface LiveRunView {
  readonly runId: string;
  readonly planName: string;
  readonly planHash: string;
  readonly encryption: string;
  readonly runState: RunState;
  readonly totalRounds: number;
  readonly quorum: number;
  /** Confirmations a commit needs before the coordinator counts it. */
  readonly confirmationsNeeded: number;
  readonly failure: string;
  readonly current: CurrentRoundView | null;
  readonly rounds: readonly RoundView[];
  readonly sites: readonly SiteView[];
}

export interface LiveRunInput {
  readonly plan: { readonly name: string; readonly encryption: string; readonly sites: readonly string[]; readonly quorum: number };
  readonly confirmationsNeeded: number;
  readonly status: RunStatus;
  /** Committed rounds, oldest first. */
  readonly commits: readonly CommittedRound[];
  readonly chain: ReadonlyMap<number, RoundOnChain>;
  readonly watchers: ReadonlySet<string>;
  readonly lastSeen: (site: string) => number | undefined;
  readonly evaluate: (commit: CommittedRound) => EvaluationSummary;
}

/** The chain's word on one commit: the same model hash there, with how many blocks hold it. */
export function verification(commit: CommittedRound, onChain: RoundOnChain | undefined, needed: number): Verification {
  if (!onChain) return 'checking';
  if (onChain.error !== undefined) return 'unreachable';
  if (onChain.modelHash === undefined || onChain.confirmations === 0) return 'missing';
  if (onChain.modelHash.toLowerCase() !== commit.modelHash.toLowerCase()) return 'mismatch';
  return onChain.confirmations >= needed ? 'confirmed' : 'pending';
}

function roundView(input: LiveRunInput, commit: CommittedRound): RoundView {
  const onChain = input.chain.get(commit.round);
  return {
    round: commit.round,
    modelHash: commit.modelHash,
    txHash: commit.txHash,
    block: onChain?.blockNumber ?? null,
    contributors: commit.contributions.map(({ site, examples }) => ({ site, examples })),
    attesters: [...commit.attesters],
    totalExamples: commit.totalExamples,
    metrics: input.evaluate(commit),
    verification: verification(commit, onChain, input.confirmationsNeeded),
    confirmations: onChain && onChain.error === undefined ? onChain.confirmations : null,
  };
}

/** The round being worked on, while the run runs and that round is not yet committed. */
function currentRound({ status }: LiveRunInput): CurrentRoundView | null {
  if (status.runState !== 'RUNNING' || !status.task || status.roundState === 'COMMITTED') return null;
  const { round, attempt, deadlineUnixMs } = status.task;
  return { round, attempt, state: status.roundState, deadlineUnixMs, updatesIn: [...status.updatesIn], attestationsIn: [...status.attestationsIn] };
}

function siteViews(input: LiveRunInput, current: CurrentRoundView | null): SiteView[] {
  return input.plan.sites.map((site) => {
    const committed = input.commits.filter((commit) => commit.contributions.some((leaf) => leaf.site === site)).length;
    const open = current?.updatesIn.includes(site) ? 1 : 0;
    return { site, connected: input.watchers.has(site), lastSeenUnixMs: input.lastSeen(site) ?? null, updatesAccepted: committed + open };
  });
}

export function liveRunView(input: LiveRunInput): LiveRunView {
  const { status, plan } = input;
  const current = currentRound(input);
  return {
    runId: status.runId,
    planName: plan.name,
    planHash: status.planHash,
    encryption: plan.encryption,
    runState: status.runState,
    totalRounds: status.totalRounds,
    quorum: plan.quorum,
    confirmationsNeeded: input.confirmationsNeeded,
    failure: status.failure,
    current,
    rounds: input.commits.map((commit) => roundView(input, commit)),
    sites: siteViews(input, current),
  };
}
