// The participant's seams to parts built elsewhere (HE codec with the site's key, the ledger): one file to rewire.
import type { Hash32 } from '../../common/canonicalJson.ts';

/** The CKKS (or plaintext) codec holding the consortium's key: encrypts this site's update, decrypts the sum. */
export interface SiteCodec {
  readonly codecId: string;
  readonly chunkCount: number;
  /** Ciphertexts of `update · examples` (the example-weighted update FedAvg sums under encryption). */
  encryptUpdate(update: Float32Array, examples: number): Uint8Array[];
  /** The example-weighted mean update `Σ nᵢ·Δᵢ / Σ nᵢ` from the aggregate's ciphertexts. */
  decryptMeanUpdate(chunks: readonly Uint8Array[], totalExamples: number): Float32Array;
}

/** The EIP-712 RoundAttestation a site signs (DESIGN.md step 5). */
export interface RoundAttestationFields {
  readonly runId: string;
  readonly round: number;
  readonly prevModelHash: Hash32;
  readonly modelHash: Hash32;
  readonly aggregateDigest: Hash32;
  readonly contributionsRoot: Hash32;
  readonly totalExamples: number;
}

/** What a site reads from and signs for the chain. */
export interface SiteLedger {
  readonly chainId: number;
  readonly ledgerAddress: string;
  /** The modelHash committed for (runId, round), if any. */
  committedModelHash(runId: string, round: number): Promise<Hash32 | undefined>;
  /** The run's last committed round (0 with the genesis hash before any commit). */
  latestModel(runId: string): Promise<{ round: number; modelHash: Hash32 }>;
  signAttestation(fields: RoundAttestationFields): Promise<string>;
}
