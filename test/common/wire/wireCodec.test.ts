import { loadSync } from '@grpc/proto-loader';
import { describe, expect, it } from 'vitest';
import { chunksDigest } from '../../../common/wire/chunksDigest.ts';
import {
  fromWireAggregatePart, fromWireAttestation, fromWireFetchAggregateRequest, fromWireFetchKeySharesRequest, fromWireKeyShareEntry,
  fromWireKeySharesReceipt, fromWirePlanDocument, fromWireReceipt, fromWireStatus, fromWireUpdatePart, fromWireUploadOffset, fromWireUploadOffsetRequest, toWireAggregatePart, toWireAttestation,
  toWireFetchKeySharesRequest, toWireKeyShareEntry, toWireKeySharesReceipt, toWirePlanDocument, toWireReceipt, toWireStatus, toWireUpdatePart, toWireUploadOffset, toWireUploadOffsetRequest,
} from '../../../common/wire/wireCodec.ts';
import type { AggregateHeader, SiteAttestation } from '../../../common/wire/protocolTypes.ts';
import { NO_CONSENT_ROOT } from '../../../common/consent/consentTree.ts';

const hash = (c: string) => `0x${c.repeat(64)}` as const;

/** A message as grpc-js serialises and deserialises it, with the options loadProtos.ts uses. */
function overProto(name: string, value: object): unknown {
  const definition = loadSync('medfl/v1/messages.proto', { includeDirs: ['protos'], keepCase: false, longs: Number, enums: String, defaults: true, oneofs: true });
  const message = definition[`medfl.v1.${name}`] as unknown as { serialize(v: object): Buffer; deserialize(b: Buffer): unknown };
  return message.deserialize(message.serialize(value));
}
const attestationOverProto = (value: object) => overProto('Attestation', value);

const attestation = (auroc: number | null, auprc: number | null): SiteAttestation => ({
  runId: '1', round: 2, attempt: 0, site: 'site-a', prevModelHash: hash('a'), modelHash: hash('b'), aggregateDigest: hash('c'), contributionsRoot: hash('d'),
  totalExamples: 40, signature: `0x${'1'.repeat(130)}`, metrics: { loss: 0.2, accuracy: 1, auroc, auprc, brier: 0.01, positiveRate: 0, examples: 20 },
});

describe('wireCodec', () => {
  it('round-trips an envelope and a chunk as proto-loader delivers them (oneof name in `body`)', () => {
    const envelope = {
      runId: 'r', round: 1, attempt: 0, site: 's', examples: 3, codecId: 'c', digest: hash('a'), chunkCount: 1, signature: new Uint8Array([1, 2]), maskedFingerprint: new Uint8Array([3, 4]),
      epsilonMicros: 2 ** 53 - 1, consentRoot: hash('f'),
    };
    const back = fromWireUpdatePart(overProto('UpdateMessage', toWireUpdatePart({ envelope })));
    expect(back).toEqual({ envelope: { ...envelope, signature: Buffer.from([1, 2]), maskedFingerprint: Buffer.from([3, 4]) }, resumeFrom: 0 });
    expect(fromWireUpdatePart({ body: 'chunk', chunk: { index: 2, data: Buffer.from([5]) } })).toEqual({ chunk: { index: 2, data: Buffer.from([5]) } });
  });

  it('carries a resumed upload\'s first chunk index beside the envelope, and the UploadOffset question and answer', () => {
    const envelope = {
      runId: 'r', round: 1, attempt: 0, site: 's', examples: 3, codecId: 'c', digest: hash('a'), chunkCount: 9, signature: new Uint8Array([1]), maskedFingerprint: new Uint8Array(0), epsilonMicros: 0, consentRoot: NO_CONSENT_ROOT,
    };
    expect(fromWireUpdatePart(overProto('UpdateMessage', toWireUpdatePart({ envelope, resumeFrom: 7 })))).toMatchObject({ resumeFrom: 7 });
    const wire = toWireUpdatePart({ envelope }) as { envelope: object };
    expect(() => fromWireUpdatePart({ body: 'envelope', envelope: wire.envelope, resumeFrom: -1 })).toThrow(expect.objectContaining({
      code: 'UPDATE_INVALID', message: 'malformed UpdateMessage: resume_from -1 is not a chunk index',
    }));
    const request = { runId: 'r', round: 3, attempt: 1, digest: hash('b') };
    expect(fromWireUploadOffsetRequest(overProto('UploadOffsetRequest', toWireUploadOffsetRequest(request)))).toEqual(request);
    expect(() => fromWireUploadOffsetRequest({ ...request, digest: 'nope' })).toThrow(expect.objectContaining({ code: 'WIRE_INVALID', message: expect.stringMatching(/^malformed UploadOffsetRequest: .*digest/) }));
    expect(fromWireUploadOffset(overProto('UploadOffset', toWireUploadOffset(12)))).toBe(12);
  });

  it('carries each aggregate leaf\'s envelope signature and masked fingerprint through the proto', () => {
    const leaf = { site: 'site-a', address: `0x${'1'.repeat(40)}`, examples: 4, digest: hash('e'), epsilonMicros: 3_141_593, consentRoot: NO_CONSENT_ROOT, maskedFingerprint: new Uint8Array(32).fill(7), envelopeSignature: new Uint8Array(64).fill(9) };
    const header: AggregateHeader = {
      runId: 'r', round: 2, attempt: 1, codecId: 'c', aggregateDigest: hash('a'), contributions: [leaf], totalExamples: 4, contributionsRoot: hash('b'), chunkCount: 3, prevModelHash: hash('c'), decryptors: [], setHash: '', decryptionShares: [],
    };
    const back = fromWireAggregatePart(overProto('AggregateMessage', toWireAggregatePart({ header })));
    expect(back).toEqual({ header: { ...header, contributions: [{ ...leaf, maskedFingerprint: Buffer.from(leaf.maskedFingerprint), envelopeSignature: Buffer.from(leaf.envelopeSignature) }] } });
  });

  it('refuses an ε past 2^53 on the wire (uint64 decoded to a Number would be rounded) and a negative or fractional one', () => {
    const envelope = {
      runId: 'r', round: 1, attempt: 0, site: 's', examples: 3, codecId: 'c', digest: hash('a'), chunkCount: 1, signature: new Uint8Array([1, 2]), maskedFingerprint: new Uint8Array([3, 4]),
    };
    const overWire = (epsilonMicros: number | string) => overProto('UpdateMessage', { envelope: { ...envelope, epsilonMicros } });
    expect(() => fromWireUpdatePart(overWire('18446744073709551615'))).toThrow(expect.objectContaining({ code: 'UPDATE_INVALID', message: expect.stringMatching(/epsilonMicros/) }));
    expect(() => fromWireUpdatePart(overWire(2 ** 53))).toThrow(expect.objectContaining({ code: 'UPDATE_INVALID', message: expect.stringMatching(/epsilonMicros/) }));
    for (const epsilonMicros of [-1, 0.5]) {
      expect(() => fromWireUpdatePart({ body: 'envelope', envelope: { ...envelope, epsilonMicros } })).toThrow(expect.objectContaining({ code: 'UPDATE_INVALID', message: expect.stringMatching(/epsilonMicros/) }));
    }
  });

  it('refuses malformed input with the field that is wrong', () => {
    expect(() => fromWireUpdatePart({ body: 'envelope', envelope: { runId: 'r', digest: 'nope' } })).toThrow(/malformed UpdateEnvelope: .*digest/);
    expect(() => fromWireUpdatePart({})).toThrow('malformed UpdateMessage: it carries neither an envelope nor a chunk');
    expect(() => fromWireAttestation({ signature: '0x12' })).toThrow(expect.objectContaining({ code: 'ATTESTATION_INVALID' }));
  });

  it('carries an undefined AUROC and AUPRC as unset optional fields that decode to null, and a 0 as 0', () => {
    for (const sent of [attestation(null, null), attestation(0, 0.25)]) {
      expect(fromWireAttestation(attestationOverProto(toWireAttestation(sent)))).toEqual(sent);
    }
  });

  it('refuses an attestation whose AUROC is NaN with ATTESTATION_INVALID', () => {
    const wire = attestationOverProto(toWireAttestation(attestation(Number.NaN, null)));
    expect(() => fromWireAttestation(wire)).toThrow(expect.objectContaining({ code: 'ATTESTATION_INVALID', message: expect.stringMatching(/metrics\.auroc/) }));
  });

  it('decodes the plan document and the aggregate request, and refuses them malformed with WIRE_INVALID', () => {
    const document = { planHash: hash('c'), planJson: '{"name":"p"}' };
    expect(fromWirePlanDocument(toWirePlanDocument(document))).toEqual(document);
    expect(() => fromWirePlanDocument({ planHash: hash('c') })).toThrow(expect.objectContaining({ code: 'WIRE_INVALID', message: expect.stringMatching(/^malformed PlanDocument: planJson: /) }));
    expect(fromWireFetchAggregateRequest({ runId: '', round: 2 })).toEqual({ round: 2 });
    expect(() => fromWireFetchAggregateRequest({ round: -1 })).toThrow(expect.objectContaining({ code: 'WIRE_INVALID', message: expect.stringMatching(/^malformed FetchAggregateRequest: round: /) }));
  });

  it('round-trips the coordinator\'s signed receipt over the proto, and refuses one without its signature as RECEIPT_INVALID', () => {
    const definition = loadSync('medfl/v1/messages.proto', { includeDirs: ['protos'], keepCase: false, longs: Number, enums: String, defaults: true, oneofs: true });
    const message = definition['medfl.v1.UpdateReceipt'] as unknown as { serialize(v: object): Buffer; deserialize(b: Buffer): unknown };
    const receipt = { runId: '7', round: 2, attempt: 1, site: `0x${'Ab'.repeat(20)}`, digest: hash('e'), signature: `0x${'2'.repeat(130)}`, updatesIn: 3 };
    expect(fromWireReceipt(message.deserialize(message.serialize(toWireReceipt(receipt))))).toEqual(receipt);
    const unsigned = message.deserialize(message.serialize({ round: 2, digest: hash('e'), updatesIn: 3 }));
    expect(() => fromWireReceipt(unsigned)).toThrow(expect.objectContaining({ code: 'RECEIPT_INVALID', message: expect.stringMatching(/^malformed UpdateReceipt: .*signature/) }));
  });

  it('round-trips a key-share entry, its receipt and request over the proto, and refuses a misshapen entry as KEY_SHARE_INVALID naming each field', () => {
    const entry = {
      runId: '7', codecId: 'c', fromSite: 'site-a', toSite: 'site-b', threshold: 2, payloadSealed: new Uint8Array(17).fill(1), nonce: new Uint8Array(24).fill(2), signature: new Uint8Array(64).fill(3),
    };
    const back = fromWireKeyShareEntry(overProto('KeyShareEntry', toWireKeyShareEntry(entry)));
    expect(back).toEqual({ ...entry, payloadSealed: Buffer.from(entry.payloadSealed), nonce: Buffer.from(entry.nonce), signature: Buffer.from(entry.signature) });
    const receipt = { runId: '7', codecId: 'c', fromSite: 'site-a', entries: 3 };
    expect(fromWireKeySharesReceipt(overProto('KeySharesReceipt', toWireKeySharesReceipt(receipt)))).toEqual(receipt);
    expect(fromWireFetchKeySharesRequest(overProto('FetchKeySharesRequest', toWireFetchKeySharesRequest({ runId: '7', codecId: 'c' })))).toEqual({ runId: '7', codecId: 'c' });
    const misshapen = overProto('KeyShareEntry', toWireKeyShareEntry({ ...entry, toSite: '../b', threshold: 0, payloadSealed: new Uint8Array(16), nonce: new Uint8Array(23), signature: new Uint8Array(0) }));
    expect(() => fromWireKeyShareEntry(misshapen)).toThrow(expect.objectContaining({
      code: 'KEY_SHARE_INVALID',
      message: 'malformed KeyShareEntry: toSite: lower-case letters, digits and dashes, at most 63, starting with a letter or digit; threshold: Too small: expected number to be >=1; '
        + 'payloadSealed: 17 to 2097152 sealed bytes; nonce: a nacl.box nonce of 24 bytes; signature: an ed25519 signature of 64 bytes',
    }));
    const oversize = { ...toWireKeyShareEntry(entry), payloadSealed: Buffer.alloc(2 * 1024 * 1024 + 1), runId: '../7' };
    expect(() => fromWireKeyShareEntry(oversize)).toThrow(expect.objectContaining({
      code: 'KEY_SHARE_INVALID', message: 'malformed KeyShareEntry: runId: a decimal run id; payloadSealed: 17 to 2097152 sealed bytes',
    }));
  });

  it('maps an absent task and commit to null on the wire and back to absent', () => {
    const status = { runId: 'r', planHash: hash('b'), runState: 'RUNNING' as const, round: 0, roundState: 'OPEN' as const, updatesIn: [], attestationsIn: [], totalRounds: 3, failure: '' };
    const wire = toWireStatus(status) as Record<string, unknown>;
    expect(wire.task).toBeNull();
    expect(fromWireStatus(wire)).toEqual(status);
  });

  it('digests chunks with length prefixes, so moving bytes between chunks changes the digest', () => {
    expect(chunksDigest([new Uint8Array([1, 2]), new Uint8Array([3])])).not.toBe(chunksDigest([new Uint8Array([1]), new Uint8Array([2, 3])]));
  });
});
