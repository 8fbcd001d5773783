// Byte layout of SEAL 4.1 serializations (uncompressed): the 16-byte header every object starts with, and the
// ciphertext/plaintext member fields. Lets the codec read sizes before SEAL parses (a short buffer aborts its wasm
// module) and build the one-polynomial objects that carry coefficients through SEAL's NTT.

export const SEAL_MAGIC = 0xa15e;
export const HEADER_BYTES = 16;
export const COMPRESSION = { none: 0, zlib: 1, zstd: 2 } as const;
const DYN_ARRAY_BYTES = HEADER_BYTES + 8;
/** Ciphertext: header, parms_id(32), is_ntt(1), size(8), N(8), coeff_modulus_size(8), scale(8), correction(8), data. */
export const CIPHERTEXT_FIELDS = { parmsId: 16, isNtt: 48, size: 49, degree: 57, moduli: 65, scale: 73, correction: 81, data: 89 + DYN_ARRAY_BYTES } as const;
/** Plaintext: header, parms_id(32), coeff_count(8), scale(8), data. */
const PLAINTEXT_FIELDS = { parmsId: 16, coeffCount: 48, scale: 56, data: 64 + DYN_ARRAY_BYTES } as const;
/** A seeded ciphertext stores c1 as a flag word plus SEAL's PRNG info (type and 512-bit seed). */
const SEED_BYTES = 81;

export interface SealHeader {
  readonly magic: number;
  readonly headerBytes: number;
  readonly version: string;
  readonly compression: number;
  readonly reserved: number;
  readonly size: number;
}

export const seededCiphertextBytes = (degree: number): number => CIPHERTEXT_FIELDS.data + 8 * degree + SEED_BYTES;
export const fullCiphertextBytes = (degree: number): number => CIPHERTEXT_FIELDS.data + 16 * degree;

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

/**
 * A size-2 ciphertext (c0 = `polynomial`, c1 = 1) at the context's first level: SEAL's NTT transforms act on each
 * component alone, so c0 comes back transformed; c1 is non-zero only because SEAL refuses transparent ciphertexts.
 */
export function polynomialCiphertext(parmsId: Uint8Array, degree: number, scale: number, ntt: boolean, polynomial: Uint8Array): Uint8Array {
  const bytes = new Uint8Array(fullCiphertextBytes(degree));
  const v = view(bytes);
  writeHeader(v, 0, bytes.length);
  bytes.set(parmsId, CIPHERTEXT_FIELDS.parmsId);
  v.setUint8(CIPHERTEXT_FIELDS.isNtt, ntt ? 1 : 0);
  v.setBigUint64(CIPHERTEXT_FIELDS.size, 2n, true);
  v.setBigUint64(CIPHERTEXT_FIELDS.degree, BigInt(degree), true);
  v.setBigUint64(CIPHERTEXT_FIELDS.moduli, 1n, true);
  v.setFloat64(CIPHERTEXT_FIELDS.scale, scale, true);
  v.setBigUint64(CIPHERTEXT_FIELDS.correction, 1n, true);
  writeHeader(v, CIPHERTEXT_FIELDS.data - DYN_ARRAY_BYTES, DYN_ARRAY_BYTES + 16 * degree);
  v.setBigUint64(CIPHERTEXT_FIELDS.data - 8, BigInt(2 * degree), true);
  bytes.set(polynomial, CIPHERTEXT_FIELDS.data);
  bytes[CIPHERTEXT_FIELDS.data + 8 * degree] = 1;
  return bytes;
}

/** The 24 bytes SEAL writes before an array of `count` uint64 words: its own header, then the count. */
export function dynArrayPrefix(count: number): Uint8Array {
  const bytes = new Uint8Array(DYN_ARRAY_BYTES);
  const v = view(bytes);
  writeHeader(v, 0, DYN_ARRAY_BYTES + 8 * count);
  v.setBigUint64(HEADER_BYTES, BigInt(count), true);
  return bytes;
}

/** The header of the PRNG-info block a seeded ciphertext stores after c0 (1 type byte + 64 seed bytes). */
export function seedBlockHeader(): Uint8Array {
  const bytes = new Uint8Array(HEADER_BYTES);
  writeHeader(view(bytes), 0, SEED_BYTES);
  return bytes;
}

/** The c0 words of an uncompressed, non-seeded ciphertext serialization. */
export const firstPolynomial = (ciphertext: Uint8Array, degree: number): Uint8Array =>
  ciphertext.subarray(CIPHERTEXT_FIELDS.data, CIPHERTEXT_FIELDS.data + 8 * degree);

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
