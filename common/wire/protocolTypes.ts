// Domain types of the round protocol: plain data both sides reason about; wireCodec.ts maps them to protos.
import type { Hash32 } from '../canonicalJson.ts';
import type { BinaryMetrics } from '../metrics.ts';
import type { SignedUpdateReceipt } from './updateReceipt.ts';

export const RUN_STATES = ['CREATED', 'RUNNING', 'COMPLETED', 'STOPPED'] as const;
export type RunState = (typeof RUN_STATES)[number];

/** DECRYPTING only under threshold CKKS: the attempt's sets are closed on chain and its decryptors send their shares. */
export const ROUND_STATES = ['OPEN', 'COLLECTING', 'CLOSED', 'DECRYPTING', 'ATTESTING', 'COMMITTED', 'FAILED'] as const;
export type RoundState = (typeof ROUND_STATES)[number];

/** The run's plan as the coordinator serves it: canonical JSON and the hash it announces for it. */
export interface PlanDocument {
  readonly planHash: Hash32;
  readonly planJson: string;
}

export interface RoundTask {
  readonly runId: string;
  readonly round: number;
  readonly attempt: number;
  readonly planHash: Hash32;
  readonly prevModelHash: Hash32;
  readonly deadlineUnixMs: number;
  readonly minUpdates: number;
  readonly codecId: string;
  readonly chunkCount: number;
  readonly expectedSites: readonly string[];
  /** FedProx's proximal term; 0 for plain FedAvg. */
  readonly proximalMu: number;
  /** Threshold CKKS: the sites whose key shares the coordinator held when the attempt opened; empty otherwise. */
  readonly keyHolders: readonly string[];
}

/** What a site signs about its update; the signature covers exactly these fields (envelopeSigning.ts). */
export interface UpdateEnvelopeFields {
  readonly runId: string;
  readonly round: number;
  readonly attempt: number;
  readonly site: string;
  readonly examples: number;
  readonly codecId: string;
  readonly digest: Hash32;
  readonly chunkCount: number;
  /** The update's masked sum-check fingerprint (common/he/createSumCheck.ts); empty under the plaintext codec. */
  readonly maskedFingerprint: Uint8Array;
  /**
   * The site's cumulative differential-privacy ε after training this update, in millionths (rounded up) at the plan's
   * δ (participant/privacy/PrivacySpend.ts); 0 when the plan has no DP-SGD. It becomes part of the site's leaf on chain.
   */
  readonly epsilonMicros: number;
  /**
   * The root of the site's consent tree for the round: the sorted pseudonyms of the patients it trained on
   * (common/consent/consentTree.ts); NO_CONSENT_ROOT for data without patient identities. Part of its leaf on chain.
   */
  readonly consentRoot: Hash32;
}

export interface UpdateEnvelope extends UpdateEnvelopeFields {
  readonly signature: Uint8Array;
}

/** UploadOffset's question: which upload of the calling site, by attempt and the update's signed digest. */
export interface UploadOffsetRequest {
  readonly runId: string;
  readonly round: number;
  readonly attempt: number;
  readonly digest: Hash32;
}

export interface CiphertextChunk {
  readonly index: number;
  readonly data: Uint8Array;
}

/** The coordinator's signed receipt for an accepted update, with how many updates the attempt holds (not signed). */
export interface UpdateReceipt extends SignedUpdateReceipt {
  readonly updatesIn: number;
}

/** One accepted update as it enters the Merkle tree and the chain: who, how many examples, which bytes, what ε spent. */
export interface ContributionLeaf {
  readonly site: string;
  readonly address: string;
  readonly examples: number;
  readonly digest: Hash32;
  /** The site's signed cumulative ε in millionths (UpdateEnvelopeFields.epsilonMicros). */
  readonly epsilonMicros: number;
  /** The site's signed consent root (UpdateEnvelopeFields.consentRoot). */
  readonly consentRoot: Hash32;
}

/**
 * A leaf as the aggregate header carries it: with the site's envelope signature and masked fingerprint, so every site
 * can check who signed which update and that the aggregate is their sum. The Merkle leaf stays
 * (address, examples, digest, epsilonMicros, consentRoot).
 */
export interface SignedContributionLeaf extends ContributionLeaf {
  readonly maskedFingerprint: Uint8Array;
  readonly envelopeSignature: Uint8Array;
}

/** What a decryptor signs about its share of a closed attempt (decryptionShareSigning.ts). */
export interface DecryptionShareFields {
  readonly runId: string;
  readonly round: number;
  readonly attempt: number;
  readonly site: string;
  readonly codecId: string;
  /** attemptSetHash of the attempt's contributions and decryptors, as closed on chain. */
  readonly setHash: Hash32;
  readonly digest: Hash32;
  readonly chunkCount: number;
  readonly maskedFingerprint: Uint8Array;
}

export interface DecryptionShareEnvelope extends DecryptionShareFields {
  readonly signature: Uint8Array;
}

export interface DecryptionShareReceipt {
  readonly runId: string;
  readonly round: number;
  readonly attempt: number;
  readonly site: string;
  readonly digest: Hash32;
  /** Not signed: how many decryptors' shares the coordinator holds as it replies. */
  readonly sharesIn: number;
}

/** A decryptor's share as the header lists it: enough to rebuild its signed envelope and check the folded shares. */
export interface DecryptionShareLeaf {
  readonly site: string;
  readonly digest: Hash32;
  readonly maskedFingerprint: Uint8Array;
  readonly envelopeSignature: Uint8Array;
}

export interface AggregateHeader {
  readonly runId: string;
  readonly round: number;
  readonly attempt: number;
  readonly codecId: string;
  readonly aggregateDigest: Hash32;
  readonly contributions: readonly SignedContributionLeaf[];
  readonly totalExamples: number;
  readonly contributionsRoot: Hash32;
  readonly chunkCount: number;
  readonly prevModelHash: Hash32;
  /** Threshold CKKS: the decryptors in consortium order, the set hash closed on chain, and (once ATTESTING) their shares. */
  readonly decryptors: readonly string[];
  /** '' under the other codecs. */
  readonly setHash: string;
  readonly decryptionShares: readonly DecryptionShareLeaf[];
}

/** A site's metrics travel as it measured them: AUROC and AUPRC null on a one-class split (unset on the wire). */
export type ValidationMetrics = BinaryMetrics;

export interface SiteAttestation {
  readonly runId: string;
  readonly round: number;
  readonly attempt: number;
  readonly site: string;
  readonly prevModelHash: Hash32;
  readonly modelHash: Hash32;
  readonly aggregateDigest: Hash32;
  readonly contributionsRoot: Hash32;
  readonly totalExamples: number;
  /** 0x-hex EIP-712 signature by the site's Ethereum key. */
  readonly signature: string;
  readonly metrics: ValidationMetrics;
}

export interface AttestationReceipt {
  readonly round: number;
  readonly matching: number;
  readonly quorum: number;
}

export interface CommittedRound {
  readonly round: number;
  readonly modelHash: Hash32;
  readonly txHash: string;
  readonly totalExamples: number;
  readonly attesters: readonly string[];
  readonly siteMetrics: readonly { readonly site: string; readonly metrics: ValidationMetrics }[];
  readonly contributions: readonly ContributionLeaf[];
}

export interface RunStatus {
  readonly runId: string;
  readonly planHash: Hash32;
  readonly runState: RunState;
  readonly round: number;
  readonly roundState: RoundState;
  readonly task?: RoundTask;
  readonly updatesIn: readonly string[];
  readonly attestationsIn: readonly string[];
  readonly lastCommit?: CommittedRound;
  readonly totalRounds: number;
  readonly failure: string;
}

/** What a site signs about one key share it sends (keyShareSigning.ts): the sealed payload is bound by its hash. */
export interface KeyShareFields {
  readonly runId: string;
  readonly codecId: string;
  readonly fromSite: string;
  readonly toSite: string;
  /** How many shares reconstruct the sender's secret. */
  readonly threshold: number;
  /** nacl.box of the share payload to toSite's box key, from fromSite's box key. */
  readonly payloadSealed: Uint8Array;
  readonly nonce: Uint8Array;
}

export interface KeyShareEntry extends KeyShareFields {
  readonly signature: Uint8Array;
}

/** The coordinator holds `entries` key-share entries of `fromSite` for run `runId`, durably. */
export interface KeySharesReceipt {
  readonly runId: string;
  readonly codecId: string;
  readonly fromSite: string;
  readonly entries: number;
}

export interface FetchKeySharesRequest {
  readonly runId: string;
  readonly codecId: string;
}
