import nacl from 'tweetnacl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { choosePlaintextParameters, createPlaintextCodec } from '../../../common/he/createPlaintextCodec.ts';
import { chunksDigest } from '../../../common/wire/chunksDigest.ts';
import { isEnvelopeSignatureValid } from '../../../common/wire/envelopeSigning.ts';
import { signUpdate } from '../../../participant/node/signUpdate.ts';
import { attempt, sumCheckFixture, type SumCheckFixture } from '../../common/he/helpers/sumCheckFixture.ts';
import { NO_CONSENT_ROOT } from '../../../common/consent/consentTree.ts';

const keys = nacl.sign.keyPair.fromSeed(new Uint8Array(32).fill(8));
let fixture: SumCheckFixture;
beforeAll(async () => {
  fixture = await sumCheckFixture();
});
afterAll(() => fixture.codec.dispose());

describe('signUpdate', () => {
  it('signs a CKKS update with its digest and the masked fingerprint the site\'s leaf will carry (real SEAL)', () => {
    const chunks = fixture.updates[0]!;
    const envelope = signUpdate({ site: 'site-a', signingSecretKey: keys.secretKey, codec: fixture.codec }, attempt, { examples: 10, epsilonMicros: 1_750_000, consentRoot: NO_CONSENT_ROOT }, chunks);
    expect(envelope).toMatchObject({ ...attempt, site: 'site-a', examples: 10, epsilonMicros: 1_750_000, codecId: fixture.codec.codecId, digest: chunksDigest(chunks), chunkCount: chunks.length });
    expect(envelope.maskedFingerprint).toEqual(fixture.uploads[0]!.maskedFingerprint);
    expect(isEnvelopeSignatureValid(envelope, keys.publicKey)).toBe(true);
    // The ε the site declares is signed: a coordinator that lowers it in the site's leaf breaks the signature.
    expect(isEnvelopeSignatureValid({ ...envelope, epsilonMicros: 1_000_000 }, keys.publicKey)).toBe(false);
  });

  it('signs a plaintext update with no fingerprint', () => {
    const codec = createPlaintextCodec(choosePlaintextParameters({ parameterCount: 4, maxExamples: 10 }));
    const chunks = [...codec.encryptUpdate(new Float32Array(4).fill(0.5), 3)];
    const envelope = signUpdate({ site: 'site-a', signingSecretKey: keys.secretKey, codec }, attempt, { examples: 3, epsilonMicros: 0, consentRoot: NO_CONSENT_ROOT }, chunks);
    expect(envelope.maskedFingerprint).toEqual(new Uint8Array(0));
    expect(isEnvelopeSignatureValid(envelope, keys.publicKey)).toBe(true);
  });
});
