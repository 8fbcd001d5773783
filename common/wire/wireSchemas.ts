// zod schemas for messages as proto-loader hands them over (camelCase, defaults filled): wire input is untrusted.
import { z } from 'zod';
import { partyIdSchema } from '../kit/partyId.ts';
import { hash32 } from './hash32.ts';
import { ROUND_STATES, RUN_STATES } from './protocolTypes.ts';

const count = z.number().int().nonnegative();
/**
 * A cumulative ε in millionths: uint64 on the wire, decoded to a Number (loadProtos.ts), and zod's int() takes only safe
 * integers, so a value past 2^53 (which the decode would round) is refused rather than recorded wrongly.
 */
const epsilonMicros = count;
const bytes = z.instanceof(Uint8Array);
const address = z.string().regex(/^0x[0-9a-fA-F]{40}$/, 'an Ethereum address');
const signature = z.string().regex(/^0x[0-9a-fA-F]{130}$/, 'a 0x-hex 65-byte signature');

const roundTaskSchema = z.object({
  runId: z.string().min(1),
  round: count,
  attempt: count,
  planHash: hash32,
  prevModelHash: hash32,
  deadlineUnixMs: count,
  minUpdates: count,
  codecId: z.string().min(1),
  chunkCount: count,
  expectedSites: z.array(z.string()),
  proximalMu: z.number().nonnegative(),
  keyHolders: z.array(partyIdSchema),
});

export const envelopeSchema = z.object({
  runId: z.string().min(1),
  round: count,
  attempt: count,
  site: z.string().min(1),
  examples: count.min(1),
  codecId: z.string().min(1),
  digest: hash32,
  chunkCount: count.min(1),
  signature: bytes,
  maskedFingerprint: bytes,
  epsilonMicros,
  consentRoot: hash32,
});

export const chunkSchema = z.object({ index: count, data: bytes });

export const leafSchema = z.object({
  site: z.string().min(1),
  address: z.string().regex(/^0x[0-9a-fA-F]{40}$/),
  examples: count,
  digest: hash32,
  epsilonMicros,
  consentRoot: hash32,
});

export const signedLeafSchema = leafSchema.extend({ maskedFingerprint: bytes, envelopeSignature: bytes });

export const decryptionShareEnvelopeSchema = z.object({
  runId: z.string().min(1),
  round: count,
  attempt: count,
  site: partyIdSchema,
  codecId: z.string().min(1),
  setHash: hash32,
  digest: hash32,
  chunkCount: count.min(1),
  maskedFingerprint: bytes,
  signature: bytes,
});

export const decryptionShareReceiptSchema = z.object({
  runId: z.string().min(1),
  round: count,
  attempt: count,
  site: partyIdSchema,
  digest: hash32,
  sharesIn: count,
});

const decryptionShareLeafSchema = z.object({ site: partyIdSchema, digest: hash32, maskedFingerprint: bytes, envelopeSignature: bytes });

export const aggregateHeaderSchema = z.object({
  runId: z.string().min(1),
  round: count,
  attempt: count,
  codecId: z.string().min(1),
  aggregateDigest: hash32,
  contributions: z.array(signedLeafSchema),
  totalExamples: count,
  contributionsRoot: hash32,
  chunkCount: count,
  prevModelHash: hash32,
  decryptors: z.array(partyIdSchema),
  // '' under the codecs without a decryption phase.
  setHash: z.union([hash32, z.literal('')]),
  decryptionShares: z.array(decryptionShareLeafSchema),
});

/** A share or a score in [0, 1]; zod's number already refuses NaN and ±Infinity. */
const unitInterval = z.number().min(0).max(1);
/**
 * AUROC or AUPRC: absent on the wire (proto3 optional, unset) or null when the site's split holds one class, decoded
 * to null either way. NaN is refused: a site reports an undefined metric as unset, never as a number.
 */
const optionalScore = unitInterval.nullish().transform((value) => value ?? null);

export const metricsSchema = z.object({
  loss: z.number().nonnegative(),
  accuracy: unitInterval,
  auroc: optionalScore,
  auprc: optionalScore,
  brier: unitInterval,
  positiveRate: unitInterval,
  examples: count,
});

export const attestationSchema = z.object({
  runId: z.string().min(1),
  round: count,
  attempt: count,
  site: z.string().min(1),
  prevModelHash: hash32,
  modelHash: hash32,
  aggregateDigest: hash32,
  contributionsRoot: hash32,
  totalExamples: count,
  signature,
  metrics: metricsSchema,
});

export const committedRoundSchema = z.object({
  round: count,
  modelHash: hash32,
  txHash: z.string(),
  totalExamples: count,
  attesters: z.array(z.string()),
  siteMetrics: z.array(z.object({ site: z.string(), metrics: metricsSchema })),
  contributions: z.array(leafSchema),
});

export const runStatusSchema = z.object({
  runId: z.string(),
  planHash: hash32,
  runState: z.enum(RUN_STATES),
  round: count,
  roundState: z.enum(ROUND_STATES),
  task: roundTaskSchema.nullish(),
  updatesIn: z.array(z.string()),
  attestationsIn: z.array(z.string()),
  lastCommit: committedRoundSchema.nullish(),
  totalRounds: count,
  failure: z.string(),
});

export const planDocumentSchema = z.object({ planHash: hash32, planJson: z.string().min(1) });
// run_id is not read: the coordinator serves its one run, and sites have always sent the round alone.
export const fetchAggregateRequestSchema = z.object({ round: count });

export const uploadOffsetRequestSchema = z.object({ runId: z.string().min(1), round: count, attempt: count, digest: hash32 });
export const uploadOffsetSchema = z.object({ nextChunk: count });

/** The coordinator's signed receipt as a site keeps it (receipts/round-R-attempt-A.json). */
export const signedReceiptSchema = z.object({
  runId: z.string().regex(/^[0-9]+$/, 'a decimal run id'),
  round: count,
  attempt: count,
  site: address,
  digest: hash32,
  signature,
});
export const receiptSchema = signedReceiptSchema.extend({ updatesIn: count });
export const attestationReceiptSchema = z.object({ round: count, matching: count, quorum: count });

export const getContributionsRequestSchema = z.object({ round: count.min(1) });

export const contributionsManifestSchema = z.object({
  runId: z.string().min(1),
  round: count.min(1),
  root: hash32,
  leafEncoding: z.array(z.string()),
  leaves: z.array(leafSchema.omit({ site: true }).extend({ proof: z.array(hash32) })).min(1),
});

/**
 * A sealed key-share payload: nacl.box's 16-byte authenticator and at least one byte, at most 2 MiB (a Shamir share of
 * a CKKS secret at N=32768 with four 60-bit primes is 1 MiB), so the coordinator never holds more than 2 MiB per entry
 * and one message stays under the 4 MiB limit.
 */
const KEY_SHARE_SEALED_MAX_BYTES = 2 * 1024 * 1024;
const sealedPayload = bytes.refine((value) => value.length > 16 && value.length <= KEY_SHARE_SEALED_MAX_BYTES, `17 to ${KEY_SHARE_SEALED_MAX_BYTES} sealed bytes`);
const exactBytes = (length: number, what: string) => bytes.refine((value) => value.length === length, `${what} of ${length} bytes`);
const shortId = z.string().min(1).max(200);
// Decimal as the ledger numbers runs, and so safe as a folder name where a site keeps its shares.
const runId = z.string().regex(/^[0-9]{1,20}$/, 'a decimal run id');

export const keyShareEntrySchema = z.object({
  runId,
  codecId: shortId,
  fromSite: partyIdSchema,
  toSite: partyIdSchema,
  threshold: count.min(1),
  payloadSealed: sealedPayload,
  nonce: exactBytes(24, 'a nacl.box nonce'),
  signature: exactBytes(64, 'an ed25519 signature'),
});
export const keySharesReceiptSchema = z.object({ runId, codecId: shortId, fromSite: partyIdSchema, entries: count });
export const fetchKeySharesRequestSchema = z.object({ runId, codecId: shortId });
