import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MedflError } from '../../../common/MedflError.ts';
import { packWords, packedBytes, unpackWords } from '../../../common/he/bitPacking.ts';
import { chooseCkksParameters } from '../../../common/he/ckksParameters.ts';
import { generateCkksSecretKey } from '../../../common/he/ckksSecretKey.ts';
import { createCkksCodec } from '../../../common/he/createCkksCodec.ts';
import { createEncryptedSum } from '../../../common/he/createEncryptedSum.ts';
import { openCkksContext } from '../../../common/he/ckksContext.ts';
import type { EncryptedSum, UpdateCodec } from '../../../common/he/UpdateCodec.ts';
import { WIRE_HEADER_BYTES, wireCiphertextBytes } from '../../../common/he/wireCiphertext.ts';
import { seededRandom, type SeededRandom } from '../../../common/seededRandom.ts';

const params = chooseCkksParameters({ parameterCount: 3000, maxSites: 4, clipNorm: 1, maxExamples: 100 });
const N = params.polyModulusDegree;
const SEEDED = wireCiphertextBytes(params, 'seeded');
const C0_BYTES = packedBytes(N, params.primeBits);
let codec: UpdateCodec;
let sum: EncryptedSum;
let good: Uint8Array[];
let q: { lo: number; hi: number };
const random: SeededRandom = seededRandom(11, 'he-fuzz');
const update = Float32Array.from({ length: params.parameterCount }, (_, i) => Math.sin(i) / 2);

beforeAll(async () => {
  codec = await createCkksCodec(params, await generateCkksSecretKey(params));
  sum = await createEncryptedSum(params);
  good = [...codec.encryptUpdate(update, 10)];
  const context = await openCkksContext(params);
  q = context.prime;
  context.dispose();
});
afterAll(() => {
  sum.dispose();
  codec.dispose();
});

function flipBit(bytes: Uint8Array, byte: number, bit: number): Uint8Array {
  const copy = bytes.slice();
  copy[byte] = (copy[byte] ?? 0) ^ (1 << bit);
  return copy;
}

const anyGood = () => good[random.int(good.length)] ?? new Uint8Array();

function truncated(bytes: Uint8Array): Uint8Array {
  return bytes.slice(0, random.int(bytes.length - 1));
}

function garbage(): Uint8Array {
  const bytes = new Uint8Array(random.int(SEEDED + 200));
  for (let i = 0; i < bytes.length; i++) bytes[i] = random.int(256);
  // Half keep a valid header, to reach the length checks behind it (a valid header and length is a valid ciphertext).
  if (random.int(2) === 0 && bytes.length >= WIRE_HEADER_BYTES) bytes.set(anyGood().subarray(0, WIRE_HEADER_BYTES));
  return bytes.length === SEEDED ? bytes.subarray(1) : bytes;
}

/** One bit of the header: magic, version, kind, ring degree, prime bits or codec tag. */
const headerFlip = (bytes: Uint8Array) => flipBit(bytes, random.int(WIRE_HEADER_BYTES), random.int(8));

/** c0 coefficient `index` replaced by a value in [q, 2^primeBits): fits the packing, but is not a residue mod q. */
function aboveThePrime(bytes: Uint8Array, index: number, excess: number): Uint8Array {
  const words = unpackWords(bytes.subarray(WIRE_HEADER_BYTES, WIRE_HEADER_BYTES + C0_BYTES), N, params.primeBits);
  const room = 2 ** params.primeBits - (q.hi * 2 ** 32 + q.lo);
  const value = q.hi * 2 ** 32 + q.lo + Math.min(excess, room - 1);
  words[2 * index] = value % 2 ** 32;
  words[2 * index + 1] = Math.floor(value / 2 ** 32);
  const copy = bytes.slice();
  copy.set(packWords(words, N, params.primeBits), WIRE_HEADER_BYTES);
  return copy;
}

describe('ciphertext validation (fuzz)', () => {
  it('rejects 1,100 random, truncated, header-flipped and out-of-range ciphertexts with CIPHERTEXT_* codes; the sum still decrypts right', () => {
    const makers: [string, number, () => Uint8Array][] = [
      ['garbage', 300, garbage],
      ['truncated', 300, () => truncated(anyGood())],
      ['header bit flip', 300, () => headerFlip(anyGood())],
      ['coefficient at or above the prime', 200, () => aboveThePrime(anyGood(), random.int(N), random.int(1000))],
    ];
    const codes = new Map<string, number>();
    let tried = 0;
    for (const [kind, count, make] of makers) {
      for (let k = 0; k < count; k++) {
        const bad = make();
        const at = random.int(params.chunkCount);
        const chunks = good.map((chunk, i) => (i === at ? bad : chunk));
        let thrown: unknown;
        try {
          sum.foldUpdate(chunks);
        } catch (error) {
          thrown = error;
        }
        expect(thrown, `${kind} #${k} was accepted`).toBeInstanceOf(MedflError);
        const code = (thrown as MedflError).code;
        expect(code, `${kind} #${k}: ${(thrown as MedflError).message}`).toMatch(/^CIPHERTEXT_/);
        codes.set(code, (codes.get(code) ?? 0) + 1);
        tried += 1;
      }
    }
    expect(tried).toBeGreaterThanOrEqual(1000);
    expect(sum.updates).toBe(0);
    expect([...codes.keys()].sort()).toEqual(['CIPHERTEXT_INVALID', 'CIPHERTEXT_TRUNCATED', 'CIPHERTEXT_WRONG_PARAMETERS']);
    sum.foldUpdate(good);
    sum.foldUpdate(good);
    const mean = codec.decryptAggregate(sum.serialize(), 20);
    expect(Math.max(...mean.map((v, i) => Math.abs(v - (update[i] ?? 0))))).toBeLessThan(2e-6);
  });

  it('names what was wrong', () => {
    const first = good[0] ?? new Uint8Array();
    expect(() => sum.validateChunk(0, first.subarray(0, 10))).toThrow('ciphertext 0 is only 10 bytes, shorter than a ciphertext header');
    expect(() => sum.validateChunk(0, first.subarray(0, 5000))).toThrow(`ciphertext 0 is 5000 bytes; a seeded ciphertext of this codec is ${SEEDED}`);
    expect(() => sum.validateChunk(0, new Uint8Array(wireCiphertextBytes(params, 'full') + 1))).toThrow(expect.objectContaining({ code: 'CIPHERTEXT_OVERSIZE' }));
    expect(() => sum.validateChunk(0, new Uint8Array(SEEDED))).toThrow('ciphertext 0 is not a medfl ciphertext (magic 0x0, version 0)');
    expect(() => sum.validateChunk(params.chunkCount, first)).toThrow(expect.objectContaining({ code: 'CIPHERTEXT_COUNT' }));
    expect(() => sum.foldUpdate(good.slice(1))).toThrow(`the update has ${params.chunkCount - 1} chunks; the codec expects ${params.chunkCount}`);
  });

  it('refuses an aggregate (full) ciphertext sent as an update', () => {
    sum.foldUpdate(good);
    const [aggregate] = sum.serialize();
    expect(() => sum.validateChunk(0, aggregate ?? new Uint8Array())).toThrow('ciphertext 0 is not a seeded ciphertext (kind byte 2)');
  });

  // The coordinator stores a chunk once validateChunk passes it; one SEAL refused later would fail the fold after the
  // update is durable (and again on every restart), so the range check runs while streaming.
  it('refuses, chunk by chunk, a coefficient at or above the prime', () => {
    expect(() => sum.validateChunk(0, aboveThePrime(good[0] ?? new Uint8Array(), 5, 0))).toThrow(expect.objectContaining({
      code: 'CIPHERTEXT_INVALID',
      message: 'ciphertext 0 has c0 coefficient 5 at or above the prime',
    }));
  });

  it('refuses a ciphertext made under other parameters', async () => {
    const other = chooseCkksParameters({ parameterCount: 3000, maxSites: 4, clipNorm: 1, maxExamples: 100, errorBound: 1e-3 });
    const otherCodec = await createCkksCodec(other, await generateCkksSecretKey(other));
    const [foreign] = otherCodec.encryptUpdate(update, 1);
    otherCodec.dispose();
    expect(() => sum.validateChunk(0, foreign ?? new Uint8Array())).toThrow(expect.objectContaining({
      code: 'CIPHERTEXT_WRONG_PARAMETERS',
      message: expect.stringContaining(`ciphertext 0 was made for other encryption parameters (N=${other.polyModulusDegree}, ${other.primeBits}-bit prime, codec ${other.codecId.slice(0, 18)}…), not codec ${params.codecId}`),
    }));
  });

  // CKKS has no integrity: a flipped bit below the prime, or in the seed, is another valid ciphertext. The signed
  // envelope's digest over the chunks (common/wire/chunksDigest) is what catches it, not the codec.
  it('accepts a low coefficient bit or seed bit flip as a ciphertext (integrity is the envelope digest\'s job)', () => {
    expect(() => sum.validateChunk(0, flipBit(good[0] ?? new Uint8Array(), WIRE_HEADER_BYTES + 8, 0))).not.toThrow();
    expect(() => sum.validateChunk(0, flipBit(good[0] ?? new Uint8Array(), SEEDED - 1, 7))).not.toThrow();
  });
});
