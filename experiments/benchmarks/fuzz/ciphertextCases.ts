// Category `ciphertext`: one of the fuzzing site's well-formed ciphertexts bent (cut short, lengthened, a wrong medfl
// header field, random bytes of the right length, coefficients past the prime), inside an envelope that passes every
// envelope check. The envelope is signed over the unbent chunks, so a bent chunk the ciphertext checks missed would
// still be refused by the digest at the end of the stream, never folded into the round the honest sites are in.
import type { SeededRandom } from '../../../common/seededRandom.ts';
import { WIRE_HEADER_BYTES } from '../../../common/he/wireCiphertext.ts';
import { randomBytes, signedEnvelope, updateStream, type CaseMaker, type FuzzCase, type FuzzMaterial } from './fuzzMessages.ts';

/** Header fields by byte offset (common/he/wireCiphertext.ts): magic 0-3, version 4, kind 5, log2 N 6, prime bits 7, codec tag 8-15. */
const HEADER = { magic: 0, version: 4, kind: 5, ring: 6, primeBits: 7, codecTag: 8 } as const;

/** The material's update with one chunk, drawn at random, replaced by `bend(chunk)`, under the envelope of the unbent update. */
function bentUpdate(random: SeededRandom, material: FuzzMaterial, bend: (chunk: Buffer) => Buffer): Pick<FuzzCase, 'method' | 'messages'> {
  const at = random.int(material.chunks.length);
  const chunks = material.chunks.map((chunk, i) => (i === at ? bend(Buffer.from(chunk)) : chunk));
  return { method: 'SubmitUpdate', messages: updateStream(signedEnvelope(material, material.chunks), chunks) };
}

/** Sets one header byte to any value but its own. */
function withByte(random: SeededRandom, offset: number): (chunk: Buffer) => Buffer {
  return (chunk) => {
    chunk[offset] = (chunk[offset]! + 1 + random.int(255)) % 256;
    return chunk;
  };
}

const bend = (make: (random: SeededRandom) => (chunk: Buffer) => Buffer): CaseMaker => (random, material) => bentUpdate(random, material, make(random));

export const CIPHERTEXT_CASES: Record<string, CaseMaker> = {
  truncated: bend((random) => (chunk) => chunk.subarray(0, random.int(chunk.length))),
  'shorter than a header': bend((random) => (chunk) => chunk.subarray(0, random.int(WIRE_HEADER_BYTES))),
  'bytes appended': bend((random) => (chunk) => Buffer.concat([chunk, randomBytes(random, 1 + random.int(2 * chunk.length))])),
  'wrong magic': bend((random) => (chunk) => {
    randomBytes(random, 4).copy(chunk, HEADER.magic);
    chunk[HEADER.magic] = chunk[HEADER.magic]! ^ 0x80; // never the magic by chance
    return chunk;
  }),
  'wrong format version': bend((random) => withByte(random, HEADER.version)),
  'wrong ciphertext kind': bend((random) => withByte(random, HEADER.kind)),
  'wrong ring degree': bend((random) => withByte(random, HEADER.ring)),
  'wrong prime size': bend((random) => withByte(random, HEADER.primeBits)),
  'wrong codec id': bend((random) => withByte(random, HEADER.codecTag + random.int(8))),
  'random bytes of the right length': bend((random) => (chunk) => randomBytes(random, chunk.length)),
  'random body under a valid header': bend((random) => (chunk) => Buffer.concat([chunk.subarray(0, WIRE_HEADER_BYTES), randomBytes(random, chunk.length - WIRE_HEADER_BYTES)])),
  'coefficients past the prime': bend(() => (chunk) => Buffer.concat([chunk.subarray(0, WIRE_HEADER_BYTES), Buffer.alloc(chunk.length - WIRE_HEADER_BYTES, 0xff)])),
  empty: bend(() => () => Buffer.alloc(0)),
};
