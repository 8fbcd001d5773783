// A committed round as the ledger stores it (getRound), with numbers as numbers and "not committed" as undefined.
import type { Hash32 } from '../common/canonicalJson.ts';
import { callLedgerView } from './callLedgerView.ts';
import type { LedgerConnection } from './LedgerConnection.ts';

export interface RoundRecord {
  readonly runId: string;
  readonly round: number;
  readonly modelHash: Hash32;
  readonly aggregateDigest: Hash32;
  readonly contributionsRoot: Hash32;
  readonly totalExamples: number;
  readonly timestamp: number;
  readonly blockNumber: number;
}

type RawRound = Pick<RoundRecord, 'modelHash' | 'aggregateDigest' | 'contributionsRoot'> & { totalExamples: bigint; timestamp: bigint; blockNumber: bigint };

const ZERO_HASH = `0x${'0'.repeat(64)}`;

/** Round `round` of `runId`, or undefined when it is not committed (the contract refuses a zero model hash). */
export async function readRound(ledger: Pick<LedgerConnection, 'contract' | 'abi'>, runId: string, round: number): Promise<RoundRecord | undefined> {
  const stored = await callLedgerView<RawRound>(ledger, 'getRound', runId, round);
  if (stored.modelHash === ZERO_HASH) return undefined;
  return {
    runId, round, modelHash: stored.modelHash, aggregateDigest: stored.aggregateDigest, contributionsRoot: stored.contributionsRoot,
    totalExamples: Number(stored.totalExamples), timestamp: Number(stored.timestamp), blockNumber: Number(stored.blockNumber),
  };
}
