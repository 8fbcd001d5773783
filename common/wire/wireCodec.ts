// The one codec pair between wire messages (proto-loader objects) and the domain types of protocolTypes.ts.
import type { z } from 'zod';
import { MedflError } from '../MedflError.ts';
import type { ErrorCode } from '../errorCodes.ts';
import type { RoundManifest } from './contributionsManifest.ts';
import type {
  AggregateHeader, AttestationReceipt, CiphertextChunk, CommittedRound, DecryptionShareEnvelope, DecryptionShareReceipt, FetchKeySharesRequest, KeyShareEntry, KeySharesReceipt, PlanDocument,
  RoundTask, RunStatus, SiteAttestation, UpdateEnvelope, UpdateReceipt, UploadOffsetRequest, ValidationMetrics,
} from './protocolTypes.ts';
import {
  aggregateHeaderSchema, attestationReceiptSchema, attestationSchema, chunkSchema, contributionsManifestSchema, decryptionShareEnvelopeSchema,
  decryptionShareReceiptSchema, envelopeSchema,
  fetchAggregateRequestSchema, fetchKeySharesRequestSchema, getContributionsRequestSchema, keyShareEntrySchema, keySharesReceiptSchema,
  planDocumentSchema, receiptSchema, runStatusSchema, uploadOffsetRequestSchema, uploadOffsetSchema,
} from './wireSchemas.ts';
import { zodProblems } from '../zodProblems.ts';
import { refuseUndecodable } from './undecodableMessage.ts';

/** Parses an untrusted wire object; a malformed one is `code` with the schema's complaints in the message. */
function parse<T>(schema: z.ZodType<T, unknown>, value: unknown, what: string, code: ErrorCode = 'WIRE_INVALID'): T {
  refuseUndecodable(value, code);
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const problems = zodProblems(result.error);
  throw new MedflError(code, `malformed ${what}: ${problems.join('; ')}`, { details: { problems } });
}

/** Proto `bytes` fields go out as Buffers (grpc-js serialises Uint8Array views of the same memory). */
function wireBytes(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** resumeFrom: the first chunk index the stream sends (a resumed upload); absent or 0 sends the update whole. */
export type UpdatePart = { envelope: UpdateEnvelope; resumeFrom?: number } | { chunk: CiphertextChunk };
/** shareChunk: under threshold CKKS, a chunk of the folded decryption shares, after the aggregate's chunks. */
export type AggregatePart = { header: AggregateHeader } | { chunk: CiphertextChunk } | { shareChunk: CiphertextChunk };
export type DecryptionSharePart = { envelope: DecryptionShareEnvelope } | { chunk: CiphertextChunk };

export const toWireTask = (task: RoundTask): object => ({ ...task, expectedSites: [...task.expectedSites], keyHolders: [...task.keyHolders] });

export function toWireUpdatePart(part: UpdatePart): object {
  if ('envelope' in part) {
    const { envelope } = part;
    const wire = { ...envelope, signature: wireBytes(envelope.signature), maskedFingerprint: wireBytes(envelope.maskedFingerprint) };
    return { envelope: wire, resumeFrom: part.resumeFrom ?? 0 };
  }
  return { chunk: { index: part.chunk.index, data: wireBytes(part.chunk.data) } };
}

export function fromWireUpdatePart(value: unknown): UpdatePart {
  refuseUndecodable(value, 'UPDATE_INVALID');
  const message = value as { body?: string; envelope?: unknown; chunk?: unknown; resumeFrom?: unknown } | null;
  if (message?.body === 'envelope') {
    const envelope = parse(envelopeSchema, message.envelope, 'UpdateEnvelope', 'UPDATE_INVALID');
    const resumeFrom = message.resumeFrom ?? 0;
    if (!Number.isInteger(resumeFrom) || (resumeFrom as number) < 0) throw new MedflError('UPDATE_INVALID', `malformed UpdateMessage: resume_from ${String(resumeFrom)} is not a chunk index`);
    return { envelope, resumeFrom: resumeFrom as number };
  }
  if (message?.body === 'chunk') return { chunk: parse(chunkSchema, message.chunk, 'CiphertextChunk', 'UPDATE_INVALID') };
  throw new MedflError('UPDATE_INVALID', 'malformed UpdateMessage: it carries neither an envelope nor a chunk');
}

export const toWireUploadOffsetRequest = (request: UploadOffsetRequest): object => ({ ...request });
export const fromWireUploadOffsetRequest = (value: unknown): UploadOffsetRequest => parse(uploadOffsetRequestSchema, value, 'UploadOffsetRequest');
export const toWireUploadOffset = (nextChunk: number): object => ({ nextChunk });
export const fromWireUploadOffset = (value: unknown): number => parse(uploadOffsetSchema, value, 'UploadOffset').nextChunk;

export const toWirePlanDocument = (document: PlanDocument): object => ({ ...document });
export const fromWirePlanDocument = (value: unknown): PlanDocument => parse(planDocumentSchema, value, 'PlanDocument');

export const fromWireFetchAggregateRequest = (value: unknown): { round: number } =>
  parse(fetchAggregateRequestSchema, value, 'FetchAggregateRequest');

export function toWireAggregatePart(part: AggregatePart): object {
  if ('header' in part) {
    const contributions = part.header.contributions.map((leaf) => ({
      ...leaf, maskedFingerprint: wireBytes(leaf.maskedFingerprint), envelopeSignature: wireBytes(leaf.envelopeSignature),
    }));
    const decryptionShares = part.header.decryptionShares.map((leaf) => ({
      ...leaf, maskedFingerprint: wireBytes(leaf.maskedFingerprint), envelopeSignature: wireBytes(leaf.envelopeSignature),
    }));
    return { header: { ...part.header, contributions, decryptors: [...part.header.decryptors], decryptionShares } };
  }
  if ('shareChunk' in part) return { shareChunk: { index: part.shareChunk.index, data: wireBytes(part.shareChunk.data) } };
  return { chunk: { index: part.chunk.index, data: wireBytes(part.chunk.data) } };
}

export function fromWireAggregatePart(value: unknown): AggregatePart {
  const message = value as { body?: string; header?: unknown; chunk?: unknown; shareChunk?: unknown } | null;
  if (message?.body === 'header') return { header: parse(aggregateHeaderSchema, message.header, 'AggregateHeader') };
  if (message?.body === 'chunk') return { chunk: parse(chunkSchema, message.chunk, 'CiphertextChunk') };
  if (message?.body === 'shareChunk') return { shareChunk: parse(chunkSchema, message.shareChunk, 'CiphertextChunk') };
  throw new MedflError('WIRE_INVALID', 'malformed AggregateMessage: it carries neither a header nor a chunk');
}

export function toWireDecryptionSharePart(part: DecryptionSharePart): object {
  if ('envelope' in part) {
    const { envelope } = part;
    return { envelope: { ...envelope, signature: wireBytes(envelope.signature), maskedFingerprint: wireBytes(envelope.maskedFingerprint) } };
  }
  return { chunk: { index: part.chunk.index, data: wireBytes(part.chunk.data) } };
}

/** A malformed share message is the decryptor's fault (or its relay's): SHARE_INVALID. */
export function fromWireDecryptionSharePart(value: unknown): DecryptionSharePart {
  refuseUndecodable(value, 'SHARE_INVALID');
  const message = value as { body?: string; envelope?: unknown; chunk?: unknown } | null;
  if (message?.body === 'envelope') return { envelope: parse(decryptionShareEnvelopeSchema, message.envelope, 'DecryptionShareEnvelope', 'SHARE_INVALID') };
  if (message?.body === 'chunk') return { chunk: parse(chunkSchema, message.chunk, 'CiphertextChunk', 'SHARE_INVALID') };
  throw new MedflError('SHARE_INVALID', 'malformed DecryptionShareMessage: it carries neither an envelope nor a chunk');
}

export const toWireDecryptionShareReceipt = (receipt: DecryptionShareReceipt): object => ({ ...receipt });
export const fromWireDecryptionShareReceipt = (value: unknown): DecryptionShareReceipt =>
  parse(decryptionShareReceiptSchema, value, 'DecryptionShareReceipt');

/** An undefined AUROC or AUPRC (null) leaves the proto3 optional field unset; the schema decodes unset to null. */
const toWireMetrics = (metrics: ValidationMetrics): object => ({ ...metrics, auroc: metrics.auroc ?? undefined, auprc: metrics.auprc ?? undefined });

export const toWireAttestation = (attestation: SiteAttestation): object => ({ ...attestation, metrics: toWireMetrics(attestation.metrics) });
export const fromWireAttestation = (value: unknown): SiteAttestation =>
  parse(attestationSchema, value, 'Attestation', 'ATTESTATION_INVALID');

function toWireCommit(commit: CommittedRound): object {
  return {
    ...commit,
    attesters: [...commit.attesters],
    siteMetrics: commit.siteMetrics.map(({ site, metrics }) => ({ site, metrics: toWireMetrics(metrics) })),
    contributions: commit.contributions.map((leaf) => ({ ...leaf })),
  };
}

export function toWireStatus(status: RunStatus): object {
  return {
    ...status,
    task: status.task ? toWireTask(status.task) : null,
    updatesIn: [...status.updatesIn],
    attestationsIn: [...status.attestationsIn],
    lastCommit: status.lastCommit ? toWireCommit(status.lastCommit) : null,
  };
}

export function fromWireStatus(value: unknown): RunStatus {
  const parsed = parse(runStatusSchema, value, 'RunStatus');
  const { task, lastCommit, ...rest } = parsed;
  return { ...rest, ...(task ? { task } : {}), ...(lastCommit ? { lastCommit } : {}) };
}

export const toWireReceipt = (receipt: UpdateReceipt): object => ({ ...receipt });
/** A receipt without the coordinator's well-formed signed fields proves nothing: RECEIPT_INVALID. */
export const fromWireReceipt = (value: unknown): UpdateReceipt => parse(receiptSchema, value, 'UpdateReceipt', 'RECEIPT_INVALID');
export const toWireAttestationReceipt = (receipt: AttestationReceipt): object => ({ ...receipt });
export const fromWireAttestationReceipt = (value: unknown): AttestationReceipt =>
  parse(attestationReceiptSchema, value, 'AttestationReceipt');

export const fromWireGetContributionsRequest = (value: unknown): { round: number } =>
  parse(getContributionsRequestSchema, value, 'GetContributionsRequest');
export const toWireContributionsManifest = (manifest: RoundManifest): object => ({
  ...manifest, leafEncoding: [...manifest.leafEncoding], leaves: manifest.leaves.map((leaf) => ({ ...leaf, proof: [...leaf.proof] })),
});
export const fromWireContributionsManifest = (value: unknown): RoundManifest => parse(contributionsManifestSchema, value, 'ContributionsManifest');

export const toWireKeyShareEntry = (entry: KeyShareEntry): object => ({
  ...entry, payloadSealed: wireBytes(entry.payloadSealed), nonce: wireBytes(entry.nonce), signature: wireBytes(entry.signature),
});
/** Malformed on either side is the sender's entry at fault (or whoever relayed it): KEY_SHARE_INVALID. */
export const fromWireKeyShareEntry = (value: unknown): KeyShareEntry => parse(keyShareEntrySchema, value, 'KeyShareEntry', 'KEY_SHARE_INVALID');
export const toWireKeySharesReceipt = (receipt: KeySharesReceipt): object => ({ ...receipt });
export const fromWireKeySharesReceipt = (value: unknown): KeySharesReceipt => parse(keySharesReceiptSchema, value, 'KeySharesReceipt');
export const toWireFetchKeySharesRequest = (request: FetchKeySharesRequest): object => ({ ...request });
export const fromWireFetchKeySharesRequest = (value: unknown): FetchKeySharesRequest =>
  parse(fetchKeySharesRequestSchema, value, 'FetchKeySharesRequest');
