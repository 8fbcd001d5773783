import { describe, expect, it } from 'vitest';
import { chooseCkksParameters } from '../../../common/he/ckksParameters.ts';
import { splitPrime } from '../../../common/he/coefficientPacking.ts';
import { WIRE_HEADER_BYTES, decodeCiphertext, encodeCiphertext, wireCiphertextBytes } from '../../../common/he/wireCiphertext.ts';

const params = chooseCkksParameters({ parameterCount: 100_000, maxSites: 10, clipNorm: 1, maxExamples: 10_000 });
const N = params.polyModulusDegree;
const q = splitPrime((1n << BigInt(params.primeBits)) - 111n); // a stand-in modulus just below 2^primeBits

function polynomial(seed: number): Uint8Array {
  const words = new Uint32Array(2 * N);
  for (let i = 0; i < N; i += 1) {
    words[2 * i] = (i * 2654435761 + seed) >>> 0;
    words[2 * i + 1] = (i * 40503 + seed) % q.hi; // below q's high half: every word is below q
  }
  return new Uint8Array(words.buffer);
}

describe('medfl ciphertext wire format', () => {
  it('takes primeBits per coefficient: 1.54 bytes per fp32 byte for a 49-bit prime at N=2048', () => {
    expect(params.primeBits).toBe(49);
    expect(wireCiphertextBytes(params, 'seeded')).toBe(WIRE_HEADER_BYTES + (N * 49) / 8 + 64);
    expect(wireCiphertextBytes(params, 'full')).toBe(WIRE_HEADER_BYTES + (2 * N * 49) / 8);
    expect(wireCiphertextBytes(params, 'seeded') / (4 * N)).toBeCloseTo(1.541, 3);
  });

  it('sends a crs polynomial as c0 alone and refuses one with a coefficient at or above the prime', () => {
    const c0 = polynomial(5);
    const bytes = encodeCiphertext(params, 'crs', c0);
    expect(bytes.length).toBe(WIRE_HEADER_BYTES + (N * 49) / 8);
    const decoded = decodeCiphertext(params, q, 'share 0', bytes, 'crs');
    expect(new Uint8Array(decoded.c0.buffer)).toEqual(c0);
    expect(decoded.c1).toBeUndefined();
    expect(() => decodeCiphertext(params, q, 'share 0', bytes, 'seeded')).toThrow('share 0 is not a seeded ciphertext (kind byte 3)');
    const high = polynomial(5);
    new DataView(high.buffer).setBigUint64(8 * 7, (1n << BigInt(params.primeBits)) - 1n, true);
    expect(() => decodeCiphertext(params, q, 'share 0', encodeCiphertext(params, 'crs', high), 'crs')).toThrow('share 0 has c0 coefficient 7 at or above the prime');
  });

  it('round-trips a seeded and a full ciphertext bit for bit', () => {
    const c0 = polynomial(1);
    const c1 = polynomial(2);
    const seed = Uint8Array.from({ length: 64 }, (_, i) => i * 3);
    const seeded = decodeCiphertext(params, q, 'c', encodeCiphertext(params, 'seeded', c0, seed), 'seeded');
    expect(new Uint8Array(seeded.c0.buffer)).toEqual(c0);
    expect(seeded.seed).toEqual(seed);
    const full = decodeCiphertext(params, q, 'c', encodeCiphertext(params, 'full', c0, c1), 'full');
    expect(new Uint8Array(full.c1!.buffer)).toEqual(c1);
  });

  it('names the codec a foreign ciphertext was made for', () => {
    const other = { ...params, codecId: `0x${'ab'.repeat(32)}` };
    const bytes = encodeCiphertext(other, 'seeded', polynomial(1), new Uint8Array(64));
    expect(() => decodeCiphertext(params, q, 'chunk 3', bytes, 'seeded')).toThrow(
      `chunk 3 was made for other encryption parameters (N=${N}, 49-bit prime, codec 0xabababababababab…), not codec ${params.codecId}`,
    );
  });
});
