// The coordinator's seams to parts built elsewhere (HE aggregation, the round ledger): one file to rewire.
import type { Hash32 } from '../common/canonicalJson.ts';
import type { ContributionLeaf } from '../common/wire/protocolTypes.ts';

/** The running encrypted sum (common/he EncryptedSum): validates and adds ciphertexts, never decrypts. */
export interface EncryptedSum {
  readonly codecId: string;
  validateChunk(index: number, bytes: Uint8Array): void;
  foldUpdate(chunks: readonly Uint8Array[]): void;
  serialize(): Uint8Array[];
  dispose(): void;
}

/** What the coordinator knows of the run's codec: its id, the ciphertexts per update, and fresh empty sums. */
export interface Aggregation {
  readonly codecId: string;
  readonly chunkCount: number;
  createSum(): EncryptedSum;
}

export interface CommitRoundInput {
  readonly runId: string;
  readonly round: number;
  readonly prevModelHash: Hash32;
  readonly modelHash: Hash32;
  readonly aggregateDigest: Hash32;
  readonly contributionsRoot: Hash32;
  readonly totalExamples: number;
  readonly contributions: readonly ContributionLeaf[];
  readonly signatures: readonly string[];
}

/** The ledger as the round loop uses it; contracts/ provides the real client. */
export interface CoordinatorLedger {
  createRun(input: { planHash: Hash32; genesisModelHash: Hash32; sites: readonly string[]; quorum: number }): Promise<string>;
  commitRound(input: CommitRoundInput): Promise<string>;
  /** The modelHash committed for (runId, round), if that round is already on chain (restart safety). */
  committedModelHash(runId: string, round: number): Promise<Hash32 | undefined>;
  /** The address that signed an EIP-712 RoundAttestation, for an early check before the contract's own. */
  attestationSigner(attestation: AttestationForSigning, signature: string): string;
}

export interface AttestationForSigning {
  readonly runId: string;
  readonly round: number;
  readonly prevModelHash: Hash32;
  readonly modelHash: Hash32;
  readonly aggregateDigest: Hash32;
  readonly contributionsRoot: Hash32;
  readonly totalExamples: number;
}

export { contributionsRoot } from '../common/wire/contributionsRoot.ts';
