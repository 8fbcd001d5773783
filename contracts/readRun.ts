// A run as the ledger stores it (getRun), with numbers as numbers and "no such run" as undefined.
import type { Hash32 } from '../common/canonicalJson.ts';
import { callLedgerView } from './callLedgerView.ts';
import type { LedgerConnection } from './LedgerConnection.ts';

export interface RunRecord {
  readonly runId: string;
  readonly planHash: Hash32;
  readonly genesisModelHash: Hash32;
  readonly coordinator: string;
  readonly quorum: number;
  readonly siteCount: number;
  readonly latestRound: number;
  /** keccak256(abi.encode(sites)) of the site list given at createRun (contracts/runSitesHash.ts). */
  readonly sitesHash: Hash32;
}

type RawRun = Omit<RunRecord, 'runId' | 'quorum' | 'siteCount' | 'latestRound'> & { quorum: bigint; siteCount: bigint; latestRound: bigint };

/** The run `runId`, or undefined when the ledger has none (getRun answers zeroes, and every run has sites). */
export async function readRun(ledger: Pick<LedgerConnection, 'contract' | 'abi'>, runId: string): Promise<RunRecord | undefined> {
  const run = await callLedgerView<RawRun>(ledger, 'getRun', runId);
  if (Number(run.siteCount) === 0) return undefined;
  return {
    runId, planHash: run.planHash, genesisModelHash: run.genesisModelHash, coordinator: run.coordinator,
    quorum: Number(run.quorum), siteCount: Number(run.siteCount), latestRound: Number(run.latestRound), sitesHash: run.sitesHash,
  };
}
