// Dense packing of `bits`-wide unsigned words (bits ≤ 64, held as little-endian uint32 halves the way SEAL lays out
// its uint64 coefficients) into a bit stream, and back. Every coefficient is below the prime q < 2^primeBits, so
// sending primeBits per coefficient instead of 64 takes a 49-bit prime's ciphertext from 8 to 6.1 bytes per value.
// Plain 32-bit integer arithmetic: no BigInt in the loops. Words are uint32 in the platform's byte order (little-endian
// on every platform Node supports for this package: x64, arm64). A word's low half sits at stream bit i·bits, its
// high half (bits − 32 of them, if any) right after it; either half spans at most two uint32 of the stream.

/** Bytes that `count` words of `bits` bits occupy; count·bits must be a multiple of 32 (the ring degree N is). */
export function packedBytes(count: number, bits: number): number {
  return (count * bits) / 8;
}

const lowMask = (width: number): number => (width >= 32 ? 0xffffffff : (1 << width) - 1);

/** ORs the low `width` bits of `value` into `out` at bit `position`. */
function put(out: Uint32Array, position: number, value: number, width: number): void {
  const index = position >>> 5;
  const shift = position & 31;
  out[index] = out[index]! | (value << shift);
  if (shift + width > 32) out[index + 1] = out[index + 1]! | (value >>> (32 - shift));
}

/** The `width` bits of `source` at bit `position`, masked with `mask`. */
function take(source: Uint32Array, position: number, width: number, mask: number): number {
  const index = position >>> 5;
  const shift = position & 31;
  let value = source[index]! >>> shift;
  if (shift + width > 32) value |= source[index + 1]! << (32 - shift);
  return (value & mask) >>> 0;
}

/** Packs words[2i] (low 32 bits) and words[2i+1] (high bits) of `count` words at `bits` bits each. */
export function packWords(words: Uint32Array, count: number, bits: number): Uint8Array {
  const out = new Uint32Array(packedBytes(count, bits) / 4);
  const loBits = Math.min(bits, 32);
  const hiBits = bits - loBits;
  const loMask = lowMask(loBits);
  const hiMask = lowMask(hiBits);
  for (let i = 0, position = 0; i < count; i += 1, position += bits) {
    put(out, position, words[2 * i]! & loMask, loBits);
    if (hiBits > 0) put(out, position + 32, words[2 * i + 1]! & hiMask, hiBits);
  }
  return new Uint8Array(out.buffer);
}

/** The inverse of packWords: `count` words into 2·count uint32 halves; `packed` may sit at any byte offset. */
export function unpackWords(packed: Uint8Array, count: number, bits: number): Uint32Array {
  // new Uint8Array(...) copies even for a Node Buffer, whose slice() would be another unaligned view.
  const aligned = packed.byteOffset % 4 === 0 ? packed : new Uint8Array(packed);
  const source = new Uint32Array(aligned.buffer, aligned.byteOffset, packedBytes(count, bits) / 4);
  const words = new Uint32Array(2 * count);
  const loBits = Math.min(bits, 32);
  const hiBits = bits - loBits;
  const loMask = lowMask(loBits);
  const hiMask = lowMask(hiBits);
  for (let i = 0, position = 0; i < count; i += 1, position += bits) {
    words[2 * i] = take(source, position, loBits, loMask);
    if (hiBits > 0) words[2 * i + 1] = take(source, position + 32, hiBits, hiMask);
  }
  return words;
}
