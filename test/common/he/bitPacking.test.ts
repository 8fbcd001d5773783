import { describe, expect, it } from 'vitest';
import { packWords, packedBytes, unpackWords } from '../../../common/he/bitPacking.ts';
import { seededRandom } from '../../../common/seededRandom.ts';

function randomWords(count: number, bits: number, seed: number): Uint32Array {
  const random = seededRandom(seed, 'bit-packing');
  const words = new Uint32Array(2 * count);
  for (let i = 0; i < count; i += 1) {
    words[2 * i] = bits >= 32 ? random.int(2 ** 32) : random.int(2 ** bits);
    words[2 * i + 1] = bits > 32 ? random.int(2 ** (bits - 32)) : 0;
  }
  return words;
}

describe('packWords / unpackWords', () => {
  it.each([30, 32, 33, 49, 54, 60, 64])('round-trips %i-bit words in exactly count·bits/8 bytes', (bits) => {
    const words = randomWords(2048, bits, bits);
    const packed = packWords(words, 2048, bits);
    expect(packed.length).toBe(packedBytes(2048, bits));
    expect(unpackWords(packed, 2048, bits)).toEqual(words);
  });

  it('puts the bits least significant first, so a 49-bit word of all ones fills exactly 49 bits', () => {
    const words = new Uint32Array(64);
    words[0] = 0xffffffff;
    words[1] = 0x1ffff;
    const packed = packWords(words, 32, 49);
    expect([...packed.subarray(0, 7)]).toEqual([255, 255, 255, 255, 255, 255, 1]);
    expect(packed.subarray(7).every((byte) => byte === 0)).toBe(true);
  });

  it('reads a stream at an odd byte offset (network buffers are not aligned)', () => {
    const words = randomWords(64, 49, 5);
    const packed = packWords(words, 64, 49);
    const shifted = new Uint8Array(packed.length + 3);
    shifted.set(packed, 3);
    expect(unpackWords(shifted.subarray(3), 64, 49)).toEqual(words);
    expect(unpackWords(Buffer.from(shifted.buffer).subarray(3), 64, 49)).toEqual(words); // Buffer.slice() shares memory
  });
});
