// Byte layout of SEAL 4.1 serializations (uncompressed): the 16-byte header every object starts with, and the
// ciphertext/plaintext member fields. The codec builds every SEAL object it loads from these (a malformed buffer
// can abort SEAL's wasm module, so untrusted bytes never reach its parser) and reads polynomials and seeds out of
// what SEAL saves.

export const SEAL_MAGIC = 0xa15e;
const HEADER_BYTES = 16;
const COMPRESSION = { none: 0, zlib: 1, zstd: 2 } as const;
const DYN_ARRAY_BYTES = HEADER_BYTES + 8;
/** Ciphertext: header, parms_id(32), is_ntt(1), size(8), N(8), coeff_modulus_size(8), scale(8), correction(8), data. */
const CIPHERTEXT_FIELDS = { parmsId: 16, isNtt: 48, size: 49, degree: 57, moduli: 65, scale: 73, correction: 81, data: 89 + DYN_ARRAY_BYTES } as const;
/** Plaintext: header, parms_id(32), coeff_count(8), scale(8), data. */
const PLAINTEXT_FIELDS = { parmsId: 16, coeffCount: 48, scale: 56, data: 64 + DYN_ARRAY_BYTES } as const;
/** A seeded ciphertext stores c1 as SEAL's PRNG info: its own header, the PRNG type and a 512-bit seed. */
export const SEED_LENGTH = 64;
const SEED_BYTES = HEADER_BYTES + 1 + SEED_LENGTH;
/** SEAL's prng_type::blake2xb, node-seal's default; medfl fixes it instead of taking it from the wire. */
const SEAL_PRNG_BLAKE2XB = 1;

interface SealHeader {
  readonly magic: number;
  readonly headerBytes: number;
  readonly version: string;
  readonly compression: number;
  readonly reserved: number;
  readonly size: number;
}

const seededCiphertextBytes = (degree: number): number => CIPHERTEXT_FIELDS.data + 8 * degree + SEED_BYTES;

const view = (bytes: Uint8Array) => new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/** The header fields; the caller has checked there are at least HEADER_BYTES. */
export function readSealHeader(bytes: Uint8Array): SealHeader {
  const v = view(bytes);
  return {
    magic: v.getUint16(0, true),
    headerBytes: v.getUint8(2),
    version: `${v.getUint8(3)}.${v.getUint8(4)}`,
    compression: v.getUint8(5),
    reserved: v.getUint16(6, true),
    size: Number(v.getBigUint64(8, true)),
  };
}

function writeHeader(v: DataView, offset: number, size: number): void {
  v.setUint16(offset, SEAL_MAGIC, true);
  v.setUint8(offset + 2, HEADER_BYTES);
  v.setUint8(offset + 3, 4);
  v.setUint8(offset + 4, 1);
  v.setUint8(offset + 5, COMPRESSION.none);
  v.setUint16(offset + 6, 0, true);
  v.setBigUint64(offset + 8, BigInt(size), true);
}

function writeCiphertextMembers(bytes: Uint8Array, parmsId: Uint8Array, degree: number, scale: number, ntt: boolean, size: number, words: number): DataView {
  const v = view(bytes);
  writeHeader(v, 0, bytes.length);
  bytes.set(parmsId, CIPHERTEXT_FIELDS.parmsId);
  v.setUint8(CIPHERTEXT_FIELDS.isNtt, ntt ? 1 : 0);
  v.setBigUint64(CIPHERTEXT_FIELDS.size, BigInt(size), true);
  v.setBigUint64(CIPHERTEXT_FIELDS.degree, BigInt(degree), true);
  v.setBigUint64(CIPHERTEXT_FIELDS.moduli, 1n, true);
  v.setFloat64(CIPHERTEXT_FIELDS.scale, scale, true);
  v.setBigUint64(CIPHERTEXT_FIELDS.correction, 1n, true);
  bytes.set(dynArrayPrefix(words), CIPHERTEXT_FIELDS.data - DYN_ARRAY_BYTES);
  return v;
}

/** A ciphertext at the context's first level made of `polynomials` (8·N bytes each, at least two). */
function ciphertextOf(parmsId: Uint8Array, degree: number, scale: number, ntt: boolean, polynomials: readonly Uint8Array[]): Uint8Array {
  const bytes = new Uint8Array(CIPHERTEXT_FIELDS.data + 8 * degree * polynomials.length);
  writeCiphertextMembers(bytes, parmsId, degree, scale, ntt, polynomials.length, polynomials.length * degree);
  polynomials.forEach((polynomial, i) => bytes.set(polynomial, CIPHERTEXT_FIELDS.data + 8 * degree * i));
  return bytes;
}

/** A fresh size-2 ciphertext at the context's first level from its two polynomials (8·N bytes each). */
export function fullCiphertext(parmsId: Uint8Array, degree: number, scale: number, ntt: boolean, c0: Uint8Array, c1: Uint8Array): Uint8Array {
  return ciphertextOf(parmsId, degree, scale, ntt, [c0, c1]);
}

/** The most polynomials one NTT carrier holds: SEAL's largest ciphertext size (16) less the constant one. */
export const CARRIER_POLYNOMIALS = 15;

/**
 * A ciphertext carrying `polynomials` and then the constant 1: SEAL's NTT transforms act on each component alone, so
 * every polynomial comes back transformed in one call; the 1 is there because SEAL refuses transparent ciphertexts.
 */
export function carrierCiphertext(parmsId: Uint8Array, degree: number, scale: number, ntt: boolean, polynomials: readonly Uint8Array[]): Uint8Array {
  const one = new Uint8Array(8 * degree);
  one[0] = 1;
  return ciphertextOf(parmsId, degree, scale, ntt, [...polynomials, one]);
}

/** Polynomial `index` of an uncompressed, non-seeded ciphertext serialization. */
export const polynomialAt = (ciphertext: Uint8Array, degree: number, index: number): Uint8Array =>
  ciphertext.subarray(CIPHERTEXT_FIELDS.data + 8 * degree * index, CIPHERTEXT_FIELDS.data + 8 * degree * (index + 1));

/** A seeded NTT-form ciphertext: c0, then SEAL's PRNG info (type, 512-bit seed) from which SEAL regenerates c1. */
export function seededCiphertext(parmsId: Uint8Array, degree: number, scale: number, c0: Uint8Array, seed: Uint8Array): Uint8Array {
  const bytes = new Uint8Array(seededCiphertextBytes(degree));
  writeCiphertextMembers(bytes, parmsId, degree, scale, true, 2, degree);
  bytes.set(c0, CIPHERTEXT_FIELDS.data);
  const seedBlock = CIPHERTEXT_FIELDS.data + 8 * degree;
  writeHeader(view(bytes), seedBlock, SEED_BYTES);
  bytes[seedBlock + HEADER_BYTES] = SEAL_PRNG_BLAKE2XB;
  bytes.set(seed, seedBlock + HEADER_BYTES + 1);
  return bytes;
}

/** The seed of a seeded ciphertext SEAL serialized (uncompressed); refuses another PRNG than the one medfl fixes. */
export function ciphertextSeed(seeded: Uint8Array, degree: number): Uint8Array | undefined {
  const seedBlock = CIPHERTEXT_FIELDS.data + 8 * degree;
  if (seeded.length !== seededCiphertextBytes(degree) || seeded[seedBlock + HEADER_BYTES] !== SEAL_PRNG_BLAKE2XB) return undefined;
  return seeded.subarray(seedBlock + HEADER_BYTES + 1);
}

/** The 24 bytes SEAL writes before an array of `count` uint64 words: its own header, then the count. */
export function dynArrayPrefix(count: number): Uint8Array {
  const bytes = new Uint8Array(DYN_ARRAY_BYTES);
  const v = view(bytes);
  writeHeader(v, 0, DYN_ARRAY_BYTES + 8 * count);
  v.setBigUint64(HEADER_BYTES, BigInt(count), true);
  return bytes;
}

/** An NTT-form CKKS plaintext holding `polynomial` (already NTT-transformed) at the first level. */
export function nttPlaintext(parmsId: Uint8Array, degree: number, scale: number, polynomial: Uint8Array): Uint8Array {
  const bytes = new Uint8Array(PLAINTEXT_FIELDS.data + 8 * degree);
  const v = view(bytes);
  writeHeader(v, 0, bytes.length);
  bytes.set(parmsId, PLAINTEXT_FIELDS.parmsId);
  v.setBigUint64(PLAINTEXT_FIELDS.coeffCount, BigInt(degree), true);
  v.setFloat64(PLAINTEXT_FIELDS.scale, scale, true);
  writeHeader(v, PLAINTEXT_FIELDS.data - DYN_ARRAY_BYTES, DYN_ARRAY_BYTES + 8 * degree);
  v.setBigUint64(PLAINTEXT_FIELDS.data - 8, BigInt(degree), true);
  bytes.set(polynomial, PLAINTEXT_FIELDS.data);
  return bytes;
}

/** The data words of an uncompressed single-prime plaintext serialization. */
export const plaintextPolynomial = (plaintext: Uint8Array, degree: number): Uint8Array =>
  plaintext.subarray(PLAINTEXT_FIELDS.data, PLAINTEXT_FIELDS.data + 8 * degree);
