// What the coordinator's store keeps: the run, each round attempt, accepted updates, decryption shares and attestations
// (no key material: a share alone decrypts nothing).
import type { Hash32 } from '../../common/canonicalJson.ts';
import type {
  AggregateHeader, CommittedRound, DecryptionShareEnvelope, RoundState, RoundTask, SiteAttestation, UpdateEnvelope,
} from '../../common/wire/protocolTypes.ts';
import type { SignedUpdateReceipt } from '../../common/wire/updateReceipt.ts';

export interface StoredRun {
  readonly runId: string;
  readonly planHash: Hash32;
  readonly genesisModelHash: Hash32;
  readonly createdAt: string;
}

/** Written before createRun is sent: after a crash, the run is looked for on chain from this block on. */
export interface StoredRunIntent {
  readonly planHash: Hash32;
  readonly fromBlock: number;
  readonly recordedAt: string;
}

export interface StoredRound {
  readonly round: number;
  readonly attempt: number;
  readonly state: RoundState;
  readonly task: RoundTask;
  /** Set once the round is CLOSED: the aggregate's header (its chunks are stored separately). */
  readonly aggregate?: AggregateHeader;
  readonly commit?: CommittedRound;
  readonly failure?: string;
}

export interface StoredUpdate {
  readonly envelope: UpdateEnvelope;
  readonly acceptedAt: string;
  /** The receipt signed before the update was recorded: a replay of the same update gets exactly this back. */
  readonly receipt: SignedUpdateReceipt;
}

export interface StoredShare {
  readonly envelope: DecryptionShareEnvelope;
  readonly acceptedAt: string;
}

export type StoredAttestation = SiteAttestation;
