// What a site node needs from parts built elsewhere, as interfaces only: the run's codec with its key, and the ledger.
// participant/wiring.ts plugs in the real ones; tests may plug in doubles (and say so in their titles).
import type { Hash32 } from '../common/canonicalJson.ts';
import type { KeyedSumCheck } from '../common/he/createSumCheck.ts';
import type { ThresholdCodec } from '../common/he/threshold/createThresholdCodec.ts';
import type { UpdateCodec } from '../common/he/UpdateCodec.ts';
import type { RoundAttestation } from '../common/wire/roundAttestation.ts';
import type { UpdateReceiptFields } from '../common/wire/updateReceipt.ts';

/** The run's codec holding the consortium's key: encrypts this site's update, decrypts and checks the aggregate. */
export type SiteCodec = Pick<UpdateCodec, 'codecId' | 'chunkCount' | 'encryptUpdate' | 'openAggregate' | 'sumCheck' | 'dispose'>;

/**
 * Threshold CKKS (issue 15): this site's own codec (its secret from the kit's seed), its group contribution g_i for a
 * run, and the sum check keyed by an attempt's group secret G. No one here holds the whole key.
 */
export interface ThresholdSiteCodec extends Pick<ThresholdCodec, 'codecId' | 'chunkCount' | 'prime' | 'shareKey' | 'encryptUpdate' | 'decryptionShare' | 'openAggregate' | 'dispose'> {
  /** How many decryptors' shares open an aggregate. */
  readonly threshold: number;
  /** N: residues per key share. */
  readonly degree: number;
  groupContribution(runId: string): Uint8Array;
  sumCheck(groupSecret: Uint8Array): KeyedSumCheck;
}

/** The codec a node runs: one that holds the whole key (or none, plaintext), or its threshold share of one. */
export type NodeCodec = SiteCodec | ThresholdSiteCodec;

export const isThresholdCodec = (codec: NodeCodec): codec is ThresholdSiteCodec => 'decryptionShare' in codec;

/** The facts of a run as the ledger stores them, which a site compares with what its operator approved. */
export interface OnChainRun {
  readonly planHash: Hash32;
  readonly genesisModelHash: Hash32;
  readonly coordinator: string;
  readonly quorum: number;
  readonly sitesHash: Hash32;
}

/** What a site reads from and signs for the chain. */
export interface SiteLedger {
  readonly chainId: number;
  readonly ledgerAddress: string;
  /** The modelHash committed for (runId, round), if any. */
  committedModelHash(runId: string, round: number): Promise<Hash32 | undefined>;
  /** The run as created on chain; LEDGER_INPUT_INVALID when there is no such run. */
  run(runId: string): Promise<OnChainRun>;
  /** The run's last committed round (0 with the genesis hash before any commit). */
  latestModel(runId: string): Promise<{ round: number; modelHash: Hash32 }>;
  signAttestation(fields: RoundAttestation): Promise<string>;
  /** The set hash the coordinator closed (runId, round, attempt) with on chain, if it has. */
  closedAttempt(runId: string, round: number, attempt: number): Promise<Hash32 | undefined>;
  /** The address whose EIP-712 signature over `receipt` (in this ledger's domain) `signature` is. */
  receiptSigner(receipt: UpdateReceiptFields, signature: string): string;
}
