// What the coordinator needs from parts built elsewhere, as interfaces only: the keyless HE sum and the round ledger.
// coordinator/wiring.ts plugs in the real ones; tests may plug in doubles (and say so in their titles).
import type { Hash32 } from '../common/canonicalJson.ts';
import type { SumChunks } from '../common/he/SumChunks.ts';
import type { EncryptedSum } from '../common/he/UpdateCodec.ts';
import type { RoundManifest } from '../common/wire/contributionsManifest.ts';
import type { CommittedRound, ContributionLeaf } from '../common/wire/protocolTypes.ts';
import type { RoundAttestation } from '../common/wire/roundAttestation.ts';
import type { UpdateReceiptFields } from '../common/wire/updateReceipt.ts';

export type { EncryptedSum };

/** An empty fold of the decryptors' shares (threshold CKKS): the same keyless polynomial sum as the c0s'. */
export interface ShareSum {
  /** Every check `fold` makes on one incoming chunk (throws CIPHERTEXT_*). */
  validateChunk(index: number, bytes: Uint8Array): void;
  /** Refuses (SHARE_INVALID) a share envelope's masked fingerprint that is not this codec's shape. */
  checkFingerprint(maskedFingerprint: Uint8Array): void;
  fold(chunks: readonly Uint8Array[]): void;
  serialize(): Uint8Array[];
}

/** Threshold CKKS: after closing, `threshold` decryptors each send a share of the aggregate's decryption. */
export interface Decryption {
  readonly threshold: number;
  createShareSum(): Promise<ShareSum> | ShareSum;
}

/**
 * What the coordinator knows of the run's codec: its id, the ciphertexts per update, and fresh empty sums; a codec
 * whose aggregate is decrypted jointly (threshold CKKS) also has a `decryption` phase, the others none.
 */
export interface Aggregation {
  readonly codecId: string;
  readonly chunkCount: number;
  /** `keep` opens where a sum that can live outside memory keeps its chunks (the single-key CKKS sum does). */
  createSum(keep?: () => SumChunks): Promise<EncryptedSum> | EncryptedSum;
  readonly decryption?: Decryption;
}

/** A round's commit: the attested fields, the contribution leaves and the quorum's signatures. */
export interface CommitRoundInput extends RoundAttestation {
  readonly contributions: readonly ContributionLeaf[];
  readonly signatures: readonly string[];
}

export interface RunInput {
  readonly planHash: Hash32;
  readonly genesisModelHash: Hash32;
  readonly sites: readonly string[];
  readonly quorum: number;
}

/** The ledger as the round loop uses it. */
export interface CoordinatorLedger {
  createRun(input: RunInput): Promise<string>;
  /** The chain's current block number (where a search for a run this coordinator is about to create starts). */
  blockNumber(): Promise<number>;
  /** A run this coordinator created with exactly `input` at or after `fromBlock` (finds a createRun a crash hid). */
  findCreatedRun(input: RunInput, fromBlock: number): Promise<string | undefined>;
  /**
   * Commits the round and returns its transaction hash. Idempotent: a round already committed with the same modelHash
   * (sent before a restart) is not re-sent, and the hash of the transaction that committed it is returned.
   */
  commitRound(input: CommitRoundInput): Promise<string>;
  /**
   * Records an attempt's set hash (attemptSetHash of its contributions and decryptors) on chain, once. A second close
   * throws ATTEMPT_ALREADY_CLOSED with the hash on chain in details.args.setHash (the same one after a restart).
   */
  closeAttempt(runId: string, round: number, attempt: number, setHash: Hash32): Promise<string>;
  /** How many blocks include the transaction and follow it: 0 when the chain does not hold it (never mined, reorged, lost). */
  confirmations(txHash: string): Promise<number>;
  /** The run's latest committed round on chain (0 before any). */
  latestRound(runId: string): Promise<number>;
  /** The modelHash the chain holds for (runId, round), if any. */
  committedModelHash(runId: string, round: number): Promise<Hash32 | undefined>;
  /** The address that signed an EIP-712 RoundAttestation, for an early check before the contract's own. */
  attestationSigner(attestation: RoundAttestation, signature: string): string;
  /** The coordinator key's EIP-712 signature over an UpdateReceipt, in the ledger's domain: anyone can check it against the run's coordinator. */
  signReceipt(receipt: UpdateReceiptFields): Promise<string>;
}

/** Each committed round's contributions manifest, kept beside the store (ContributionsArchive) and served to sites. */
export interface ContributionsKeeper {
  /** Called once the round is on chain and before it is recorded as committed, so a restart that re-commits keeps it too. */
  keep(runId: string, commit: CommittedRound): void;
  manifest(runId: string, round: number): RoundManifest;
}
