// A small run for the live page's tests: two sites, round 1 committed, round 2 collecting.
import type { CommittedRound, RunStatus } from '../../../common/wire/protocolTypes.ts';
import type { LiveRunInput } from '../../../coordinator/livePage/liveRunView.ts';

const hash = (digit: string): `0x${string}` => `0x${digit.repeat(64)}`;
const metrics = (loss: number, accuracy: number, auroc: number | null) => ({ loss, accuracy, auroc, auprc: auroc, brier: 0.2, positiveRate: 0.4, examples: 50 });

export function committedRound(round: number, overrides: Partial<CommittedRound> = {}): CommittedRound {
  return {
    round,
    modelHash: hash(String(round)),
    txHash: hash('a'),
    totalExamples: 300,
    attesters: ['site-a', 'site-b'],
    siteMetrics: [{ site: 'site-a', metrics: metrics(0.6, 0.7, 0.8) }, { site: 'site-b', metrics: metrics(0.4, 0.9, null) }],
    contributions: [
      { site: 'site-a', address: '0x1', examples: 200, digest: hash('d'), epsilonMicros: 0, consentRoot: hash('0') },
      { site: 'site-b', address: '0x2', examples: 100, digest: hash('e'), epsilonMicros: 0, consentRoot: hash('0') },
    ],
    ...overrides,
  };
}

export function runningStatus(lastCommit: CommittedRound | undefined, overrides: Partial<RunStatus> = {}): RunStatus {
  const round = (lastCommit?.round ?? 0) + 1;
  return {
    runId: '7', planHash: hash('b'), runState: 'RUNNING', round, roundState: 'COLLECTING',
    task: {
      runId: '7', round, attempt: 0, planHash: hash('b'), prevModelHash: hash('0'), deadlineUnixMs: Date.UTC(2026, 0, 1, 12, 30, 0),
      minUpdates: 2, codecId: 'plaintext', chunkCount: 1, expectedSites: ['site-a', 'site-b'], proximalMu: 0, keyHolders: [],
    },
    updatesIn: ['site-b'], attestationsIn: [], totalRounds: 2, failure: '',
    ...(lastCommit ? { lastCommit } : {}),
    ...overrides,
  };
}

export function liveRunInput(overrides: Partial<LiveRunInput> = {}): LiveRunInput {
  const commit = committedRound(1);
  return {
    plan: { name: 'demo', encryption: 'ckks', sites: ['site-a', 'site-b'], quorum: 2 },
    confirmationsNeeded: 2,
    status: runningStatus(commit),
    commits: [commit],
    chain: new Map([[1, { modelHash: commit.modelHash, blockNumber: 12, confirmations: 3 }]]),
    watchers: new Set(['site-a']),
    lastSeen: (site) => (site === 'site-a' ? Date.UTC(2026, 0, 1, 12, 0, 5) : undefined),
    evaluate: (round) => ({ loss: round.siteMetrics[0]!.metrics.loss, accuracy: 0.8, auroc: 0.75, auprc: null, brier: null, positiveRate: null }),
    ...overrides,
  };
}
