// Dense packing of `bits`-wide unsigned words (bits ≤ 64, held as little-endian uint32 halves the way SEAL lays out
// its uint64 coefficients) into a bit stream, and back. Every coefficient is below the prime q < 2^primeBits, so
// sending primeBits per coefficient instead of 64 takes a 49-bit prime's ciphertext from 8 to 6.1 bytes per value.
// Plain 32-bit integer arithmetic: no BigInt in the loops. Words are uint32 in the platform's byte order (little-endian
// on every platform Node supports for this package: x64, arm64).

/** Bytes that `count` words of `bits` bits occupy; count·bits must be a multiple of 32 (the ring degree N is). */
export function packedBytes(count: number, bits: number): number {
  return (count * bits) / 8;
}

const lowMask = (width: number): number => (width >= 32 ? 0xffffffff : (1 << width) - 1);

/** Packs words[2i] (low 32 bits) and words[2i+1] (high bits) of `count` words at `bits` bits each. */
export function packWords(words: Uint32Array, count: number, bits: number): Uint8Array {
  const out = new Uint32Array(packedBytes(count, bits) / 4);
  const loBits = Math.min(bits, 32);
  const hiBits = bits - loBits;
  let acc = 0;
  let filled = 0;
  let o = 0;
  for (let i = 0; i < 2 * count; i += 1) {
    const width = i & 1 ? hiBits : loBits;
    if (width === 0) continue;
    const value = (words[i] ?? 0) & lowMask(width);
    acc = (acc | (value << filled)) >>> 0;
    if (filled + width >= 32) {
      out[o++] = acc;
      acc = filled === 0 ? 0 : value >>> (32 - filled);
      filled += width - 32;
    } else {
      filled += width;
    }
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
  let next = 0;
  let acc = source[next++] ?? 0;
  let avail = 32;
  for (let i = 0; i < 2 * count; i += 1) {
    const width = i & 1 ? hiBits : loBits;
    if (width === 0) continue;
    let value: number;
    if (width < avail) {
      value = acc & lowMask(width);
      acc >>>= width;
      avail -= width;
    } else {
      // The word ends in (or exactly at the end of) the current uint32 and may continue into the next.
      const need = width - avail;
      const low = avail === 32 ? acc : acc & lowMask(avail);
      const following = source[next++] ?? 0;
      value = need === 0 ? low : (low | ((following & lowMask(need)) << avail)) >>> 0;
      acc = need === 0 ? following : following >>> need;
      avail = 32 - need;
    }
    words[i] = value >>> 0;
  }
  return words;
}
