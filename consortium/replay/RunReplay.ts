// What `medfl replay` reports: per committed round, whether the coordinator's stored records re-derive the model hash
// the chain holds, and if not, the first thing found altered.
import type { Hash32 } from '../../common/canonicalJson.ts';
import type { ErrorCode } from '../../common/errorCodes.ts';
import type { ErrorDetails } from '../../common/MedflError.ts';

export interface ReplayProblem {
  readonly code: ErrorCode;
  readonly message: string;
  readonly details: ErrorDetails;
}

export interface RoundReplay {
  readonly round: number;
  /** The committed attempt the store holds; null when it holds none. */
  readonly attempt: number | null;
  /** 'not replayed': an earlier round failed, so no trusted model to build on. */
  readonly status: 'ok' | 'failed' | 'not replayed';
  readonly contributors: readonly string[];
  readonly decryptors: readonly string[];
  readonly chainModelHash: Hash32;
  /** The hash the replay derived; null when it stopped before deriving one. */
  readonly replayedModelHash: Hash32 | null;
  readonly problem?: ReplayProblem;
}

export interface RunReplay {
  readonly runId: string;
  readonly ledger: string;
  readonly chainId: number;
  readonly planHash: Hash32;
  readonly genesisModelHash: Hash32;
  /** The site whose kit opened the aggregates. */
  readonly site: string;
  readonly rounds: readonly RoundReplay[];
  /** Every committed round replayed to the chain's model hash. */
  readonly replayed: boolean;
}
