import nacl from 'tweetnacl';
import { describe, expect, it } from 'vitest';
import { envelopeSigningBytes, isEnvelopeSignatureValid, signEnvelope } from '../../../common/wire/envelopeSigning.ts';

const keys = nacl.sign.keyPair.fromSeed(new Uint8Array(32).fill(4));
const fields = {
  runId: 'r', round: 2, attempt: 1, site: 'site-a', examples: 7, codecId: '0xc0', digest: `0x${'d'.repeat(64)}` as const, chunkCount: 3,
  maskedFingerprint: Uint8Array.from([1, 2, 255]), epsilonMicros: 1_250_000,
  consentRoot: `0x${'e'.repeat(64)}` as const,
};

describe('envelopeSigning', () => {
  it('signs the canonical fields, the masked fingerprint as 0x-hex among them', () => {
    expect(Buffer.from(envelopeSigningBytes(fields)).toString('utf8')).toBe(
      `{"attempt":1,"chunkCount":3,"codecId":"0xc0","consentRoot":"0x${'e'.repeat(64)}","digest":"0x${'d'.repeat(64)}","domain":"medfl/v1/UpdateEnvelope","epsilonMicros":1250000,"examples":7,"maskedFingerprint":"0x0102ff","round":2,"runId":"r","site":"site-a"}`,
    );
    const envelope = signEnvelope(fields, keys.secretKey);
    expect(isEnvelopeSignatureValid(envelope, keys.publicKey)).toBe(true);
    // node:crypto verifies what tweetnacl signs, and tweetnacl agrees with it.
    expect(nacl.sign.detached.verify(envelopeSigningBytes(envelope), envelope.signature, keys.publicKey)).toBe(true);
  });

  it('refuses a changed ε spent: the site vouches for the spend its leaf puts on chain', () => {
    const envelope = signEnvelope(fields, keys.secretKey);
    expect(isEnvelopeSignatureValid({ ...envelope, epsilonMicros: 1_249_999 }, keys.publicKey)).toBe(false);
    expect(isEnvelopeSignatureValid({ ...envelope, epsilonMicros: 0 }, keys.publicKey)).toBe(false);
    const unspent = signEnvelope({ ...fields, epsilonMicros: 0 }, keys.secretKey);
    expect(isEnvelopeSignatureValid(unspent, keys.publicKey)).toBe(true);
    expect(isEnvelopeSignatureValid({ ...unspent, epsilonMicros: 1 }, keys.publicKey)).toBe(false);
  });

  it('refuses a changed consent root: the coordinator cannot swap the patients a site vouches it trained on', () => {
    const envelope = signEnvelope(fields, keys.secretKey);
    expect(isEnvelopeSignatureValid({ ...envelope, consentRoot: `0x${'f'.repeat(64)}` }, keys.publicKey)).toBe(false);
    expect(isEnvelopeSignatureValid({ ...envelope, consentRoot: `0x${'0'.repeat(64)}` }, keys.publicKey)).toBe(false);
  });

  it('refuses a changed fingerprint, examples or attempt, another key, and malformed keys or signatures', () => {
    const envelope = signEnvelope(fields, keys.secretKey);
    expect(isEnvelopeSignatureValid({ ...envelope, maskedFingerprint: Uint8Array.from([1, 2, 254]) }, keys.publicKey)).toBe(false);
    expect(isEnvelopeSignatureValid({ ...envelope, maskedFingerprint: new Uint8Array(0) }, keys.publicKey)).toBe(false);
    expect(isEnvelopeSignatureValid({ ...envelope, examples: 8 }, keys.publicKey)).toBe(false);
    expect(isEnvelopeSignatureValid({ ...envelope, attempt: 2 }, keys.publicKey)).toBe(false);
    expect(isEnvelopeSignatureValid(envelope, nacl.sign.keyPair().publicKey)).toBe(false);
    expect(isEnvelopeSignatureValid(envelope, new Uint8Array(31))).toBe(false);
    expect(isEnvelopeSignatureValid({ ...envelope, signature: envelope.signature.subarray(1) }, keys.publicKey)).toBe(false);
    expect(isEnvelopeSignatureValid(envelope, new Uint8Array(32).fill(0xff))).toBe(false); // not a curve point
  });
});
