// Category `envelope`: the fuzzing site's well-formed update under an envelope that lies about it or is not its own:
// a broken or missing signature, a signature by another key, another site's name, a digest of other bytes, a bad
// sum-check fingerprint, an ε a plan without DP-SGD forbids or no integer can hold, a weight past the plan's cap.
import nacl from 'tweetnacl';
import { MAX_SITE_EXAMPLES } from '../../../common/plan/exampleCap.ts';
import type { SeededRandom } from '../../../common/seededRandom.ts';
import type { UpdateEnvelope, UpdateEnvelopeFields } from '../../../common/wire/protocolTypes.ts';
import { signEnvelope } from '../../../common/wire/envelopeSigning.ts';
import { envelopeFields, randomBytes, signedEnvelope, signedUpdate, updateStream, type CaseMaker, type FuzzCase, type FuzzMaterial } from './fuzzMessages.ts';

/** Above the largest per-site example cap any plan may set. */
const OVER_ANY_CAP = MAX_SITE_EXAMPLES + 1;

function sent(material: FuzzMaterial, envelope: UpdateEnvelope): Pick<FuzzCase, 'method' | 'messages'> {
  return { method: 'SubmitUpdate', messages: updateStream(envelope, material.chunks) };
}

/** The honest envelope, signed, then `change` applied to what goes on the wire (so the signature no longer covers it). */
function alteredAfterSigning(material: FuzzMaterial, change: (envelope: UpdateEnvelope) => Partial<UpdateEnvelope>): Pick<FuzzCase, 'method' | 'messages'> {
  const envelope = signedEnvelope(material, material.chunks);
  return sent(material, { ...envelope, ...change(envelope) });
}

function flipOneBit(random: SeededRandom, bytes: Uint8Array): Uint8Array {
  const copy = Uint8Array.from(bytes);
  copy[random.int(copy.length)]! ^= 1 << random.int(8);
  return copy;
}

const signedBy = (fields: UpdateEnvelopeFields, random: SeededRandom): UpdateEnvelope =>
  signEnvelope(fields, nacl.sign.keyPair.fromSeed(randomBytes(random, 32)).secretKey);

export const ENVELOPE_CASES: Record<string, CaseMaker> = {
  'signature bit flipped': (random, material) => alteredAfterSigning(material, (envelope) => ({ signature: flipOneBit(random, envelope.signature) })),
  'signature of the wrong length': (random, material) => alteredAfterSigning(material, () => ({ signature: randomBytes(random, random.int(2) === 0 ? random.int(64) : 65 + random.int(64)) })),
  'no signature': (_random, material) => alteredAfterSigning(material, () => ({ signature: new Uint8Array(0) })),
  'signed by another key': (random, material) => sent(material, signedBy(envelopeFields(material, material.chunks), random)),
  'field changed after signing': (random, material) => alteredAfterSigning(material, (envelope) => ({ examples: envelope.examples + 1 + random.int(10) })),
  "another site's id": (_random, material) => signedUpdate(material, material.chunks, { site: material.otherSite }),
  'digest of other bytes': (random, material) => signedUpdate(material, material.chunks, { digest: `0x${randomBytes(random, 32).toString('hex')}` }),
  'digest that is not a hash': (random, material) => signedUpdate(material, material.chunks, { digest: `0x${randomBytes(random, 1 + random.int(40)).toString('base64')}` }),
  'random sum-check fingerprint': (random, material) => signedUpdate(material, material.chunks, { maskedFingerprint: randomBytes(random, material.maskedFingerprint.length) }),
  'fingerprint of the wrong length': (random, material) => signedUpdate(material, material.chunks, { maskedFingerprint: randomBytes(random, material.maskedFingerprint.length + 1 + random.int(64)) }),
  'epsilon without DP-SGD': (random, material) => signedUpdate(material, material.chunks, { epsilonMicros: 1 + random.int(10_000_000) }),
  'epsilon past 2^53': (random, material) => signedUpdate(material, material.chunks, { epsilonMicros: 2 ** 53 + 2 * (1 + random.int(1_000_000)) }),
  'examples over the cap': (random, material) => signedUpdate(material, material.chunks, { examples: OVER_ANY_CAP + random.int(1_000_000) }),
  'codec id of another run': (random, material) => signedUpdate(material, material.chunks, { codecId: `0x${randomBytes(random, 32).toString('hex')}` }),
};
