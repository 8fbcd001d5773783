import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MedflError } from '../../../common/MedflError.ts';
import { chooseCkksParameters } from '../../../common/he/ckksParameters.ts';
import { generateCkksSecretKey } from '../../../common/he/ckksSecretKey.ts';
import { createCkksCodec } from '../../../common/he/createCkksCodec.ts';
import { createEncryptedSum } from '../../../common/he/createEncryptedSum.ts';
import { CIPHERTEXT_FIELDS, seededCiphertextBytes } from '../../../common/he/sealLayout.ts';
import type { EncryptedSum, UpdateCodec } from '../../../common/he/UpdateCodec.ts';
import { seededRandom, type SeededRandom } from '../../../common/seededRandom.ts';

const params = chooseCkksParameters({ parameterCount: 3000, maxSites: 4, clipNorm: 1, maxExamples: 100 });
const N = params.polyModulusDegree;
let codec: UpdateCodec;
let sum: EncryptedSum;
let good: Uint8Array[];
const random: SeededRandom = seededRandom(11, 'he-fuzz');
const update = Float32Array.from({ length: params.parameterCount }, (_, i) => Math.sin(i) / 2);

beforeAll(async () => {
  codec = await createCkksCodec(params, await generateCkksSecretKey(params));
  sum = await createEncryptedSum(params);
  good = [...codec.encryptUpdate(update, 10)];
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

function truncated(bytes: Uint8Array, patchHeader: boolean): Uint8Array {
  const copy = bytes.slice(0, random.int(bytes.length - 1));
  if (patchHeader && copy.length >= 16) new DataView(copy.buffer).setBigUint64(8, BigInt(copy.length), true);
  return copy;
}

function garbage(): Uint8Array {
  const bytes = new Uint8Array(random.int(seededCiphertextBytes(N) + 200));
  for (let i = 0; i < bytes.length; i++) bytes[i] = random.int(256);
  // Half keep a valid header with a matching size, to reach the member checks and SEAL's parser.
  if (random.int(2) === 0 && bytes.length >= 16) {
    bytes.set((good[0] ?? new Uint8Array()).subarray(0, 8));
    new DataView(bytes.buffer).setBigUint64(8, BigInt(bytes.length), true);
  }
  return bytes;
}

// Structural bytes: header and members, and the seed block's header and PRNG type; payload words: their bits above the prime.
function structuralFlip(bytes: Uint8Array): Uint8Array {
  const seedBlock = CIPHERTEXT_FIELDS.data + 8 * N;
  const byte = random.int(2) === 0 ? random.int(CIPHERTEXT_FIELDS.data) : seedBlock + random.int(17);
  return flipBit(bytes, byte, random.int(8));
}

function highBitFlip(bytes: Uint8Array): Uint8Array {
  const bit = params.primeBits + random.int(64 - params.primeBits);
  return flipBit(bytes, CIPHERTEXT_FIELDS.data + 8 * random.int(N) + (bit >> 3), bit & 7);
}

describe('ciphertext validation (fuzz)', () => {
  it('rejects 1,100 random, truncated and bit-flipped ciphertexts with CIPHERTEXT_* codes; the sum still decrypts right', () => {
    const makers: [string, number, () => Uint8Array][] = [
      ['garbage', 300, garbage],
      ['truncated', 200, () => truncated(good[random.int(good.length)] ?? new Uint8Array(), false)],
      ['truncated, header patched', 150, () => truncated(good[random.int(good.length)] ?? new Uint8Array(), true)],
      ['structural bit flip', 250, () => structuralFlip(good[random.int(good.length)] ?? new Uint8Array())],
      ['payload bit above the prime', 200, () => highBitFlip(good[random.int(good.length)] ?? new Uint8Array())],
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
    expect(() => sum.validateChunk(0, first.subarray(0, 50))).toThrow('ciphertext 0 is only 50 bytes, shorter than a SEAL ciphertext header');
    expect(() => sum.validateChunk(0, first.subarray(0, 5000))).toThrow(`ciphertext 0 is 5000 bytes but its header announces ${first.length}`);
    expect(() => sum.validateChunk(0, new Uint8Array(70_000))).toThrow(expect.objectContaining({ code: 'CIPHERTEXT_OVERSIZE' }));
    expect(() => sum.validateChunk(params.chunkCount, first)).toThrow(expect.objectContaining({ code: 'CIPHERTEXT_COUNT' }));
    expect(() => sum.foldUpdate(good.slice(1))).toThrow(`the update has ${params.chunkCount - 1} chunks; the codec expects ${params.chunkCount}`);
  });

  // The coordinator stores a chunk once validateChunk passes it; one SEAL refuses later would fail the fold after the
  // update is durable (and again on every restart).
  it('refuses, chunk by chunk, a payload word above the prime that only SEAL would catch', () => {
    const bad = highBitFlip(good[0] ?? new Uint8Array());
    expect(() => sum.validateChunk(0, bad)).toThrow(expect.objectContaining({
      code: 'CIPHERTEXT_INVALID',
      message: 'ciphertext 0 was refused by SEAL: ciphertext data is invalid',
    }));
  });

  it('refuses a ciphertext made under other parameters', async () => {
    const other = chooseCkksParameters({ parameterCount: 3000, maxSites: 4, clipNorm: 1, maxExamples: 100, errorBound: 1e-3 });
    const otherCodec = await createCkksCodec(other, await generateCkksSecretKey(other));
    const [foreign] = otherCodec.encryptUpdate(update, 1);
    otherCodec.dispose();
    expect(() => sum.validateChunk(0, foreign ?? new Uint8Array())).toThrow(expect.objectContaining({
      code: 'CIPHERTEXT_WRONG_PARAMETERS',
      message: expect.stringContaining(`ciphertext 0 was made for other encryption parameters (N=${other.polyModulusDegree}), not codec ${params.codecId}`),
    }));
  });

  // CKKS has no integrity: a flipped bit below the prime is another valid ciphertext. The signed envelope's digest
  // over the chunks (common/wire/chunksDigest) is what catches it, not the codec.
  it('accepts a low payload bit flip as a ciphertext (integrity is the envelope digest\'s job)', () => {
    const flipped = flipBit(good[0] ?? new Uint8Array(), CIPHERTEXT_FIELDS.data + 8, 0);
    expect(() => sum.validateChunk(0, flipped)).not.toThrow();
  });
});
