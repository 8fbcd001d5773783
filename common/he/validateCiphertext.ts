// Untrusted ciphertext bytes checked against the run's parameters BEFORE SEAL parses them (SEAL aborts its wasm
// module on a buffer shorter than its header claims), then loaded with SEAL's own is-valid-for check.
import type { CipherText } from './loadSeal.ts';
import { MedflError } from '../MedflError.ts';
import type { CkksContext } from './ckksContext.ts';
import {
  CIPHERTEXT_FIELDS, COMPRESSION, HEADER_BYTES, SEAL_MAGIC, dynArrayPrefix, fullCiphertextBytes, readSealHeader, seedBlockHeader,
  seededCiphertextBytes,
} from './sealLayout.ts';

const fail = (code: 'CIPHERTEXT_INVALID' | 'CIPHERTEXT_TRUNCATED' | 'CIPHERTEXT_OVERSIZE' | 'CIPHERTEXT_WRONG_PARAMETERS', label: string, why: string, cause?: unknown) =>
  new MedflError(code, `${label} ${why}`, { cause });

function checkHeader(label: string, bytes: Uint8Array, maxBytes: number): void {
  if (bytes.length > maxBytes) throw fail('CIPHERTEXT_OVERSIZE', label, `is ${bytes.length} bytes; this codec's ciphertexts are at most ${maxBytes}`);
  if (bytes.length < CIPHERTEXT_FIELDS.data) throw fail('CIPHERTEXT_TRUNCATED', label, `is only ${bytes.length} bytes, shorter than a SEAL ciphertext header`);
  const header = readSealHeader(bytes);
  if (header.magic !== SEAL_MAGIC || header.headerBytes !== HEADER_BYTES || header.version !== '4.1' || header.reserved !== 0) {
    throw fail('CIPHERTEXT_INVALID', label, `is not a SEAL 4.1 serialization (magic 0x${header.magic.toString(16)}, version ${header.version})`);
  }
  if (header.compression !== COMPRESSION.none) {
    throw fail('CIPHERTEXT_WRONG_PARAMETERS', label, `uses compression mode ${header.compression}; this codec sends uncompressed ciphertexts`);
  }
  if (header.size > bytes.length) throw fail('CIPHERTEXT_TRUNCATED', label, `is ${bytes.length} bytes but its header announces ${header.size}`);
  if (header.size < bytes.length) throw fail('CIPHERTEXT_INVALID', label, `has ${bytes.length - header.size} bytes after the ${header.size} its header announces`);
}

function checkMembers(ckks: CkksContext, label: string, bytes: Uint8Array): void {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const parmsId = bytes.subarray(CIPHERTEXT_FIELDS.parmsId, CIPHERTEXT_FIELDS.isNtt);
  const degree = v.getBigUint64(CIPHERTEXT_FIELDS.degree, true);
  const sameParms = parmsId.every((byte, i) => byte === ckks.parmsId[i]) && degree === BigInt(ckks.params.polyModulusDegree);
  if (!sameParms || v.getBigUint64(CIPHERTEXT_FIELDS.moduli, true) !== 1n) {
    throw fail('CIPHERTEXT_WRONG_PARAMETERS', label, `was made for other encryption parameters (N=${degree}), not codec ${ckks.params.codecId}`);
  }
  const scale = v.getFloat64(CIPHERTEXT_FIELDS.scale, true);
  if (scale !== ckks.scale) throw fail('CIPHERTEXT_WRONG_PARAMETERS', label, `has scale ${scale}, the codec uses 2^${ckks.params.scaleBits}`);
  const fresh = v.getUint8(CIPHERTEXT_FIELDS.isNtt) === 1 && v.getBigUint64(CIPHERTEXT_FIELDS.size, true) === 2n;
  if (!fresh || v.getBigUint64(CIPHERTEXT_FIELDS.correction, true) !== 1n) {
    throw fail('CIPHERTEXT_INVALID', label, 'is not a fresh two-component NTT-form CKKS ciphertext');
  }
  const n = ckks.params.polyModulusDegree;
  if (bytes.length !== seededCiphertextBytes(n) && bytes.length !== fullCiphertextBytes(n)) {
    const code = bytes.length < fullCiphertextBytes(n) ? 'CIPHERTEXT_TRUNCATED' : 'CIPHERTEXT_INVALID';
    throw fail(code, label, `is ${bytes.length} bytes; at N=${n} a ciphertext is ${seededCiphertextBytes(n)} (seeded) or ${fullCiphertextBytes(n)} bytes`);
  }
  checkInnerLengths(label, bytes, n);
}

const sameBytes = (bytes: Uint8Array, offset: number, expected: Uint8Array) => expected.every((byte, i) => bytes[offset + i] === byte);

// SEAL trusts the inner array lengths once the outer size matches; a wrong one would make it read past the buffer.
function checkInnerLengths(label: string, bytes: Uint8Array, n: number): void {
  const seeded = bytes.length === seededCiphertextBytes(n);
  const arrayStart = CIPHERTEXT_FIELDS.data - dynArrayPrefix(0).length;
  const ok = seeded
    ? sameBytes(bytes, arrayStart, dynArrayPrefix(n)) && sameBytes(bytes, CIPHERTEXT_FIELDS.data + 8 * n, seedBlockHeader())
    : sameBytes(bytes, arrayStart, dynArrayPrefix(2 * n));
  if (!ok) throw fail('CIPHERTEXT_INVALID', label, 'has inner array lengths that do not match its size');
}

/** Cheap structural checks only (no SEAL call): usable on each chunk as it streams in. */
export function checkCiphertextBytes(ckks: CkksContext, label: string, bytes: Uint8Array): void {
  checkHeader(label, bytes, fullCiphertextBytes(ckks.params.polyModulusDegree));
  checkMembers(ckks, label, bytes);
}

/** Checks then parses: the returned ciphertext is valid for the context; the caller deletes it. */
export function loadCiphertext(ckks: CkksContext, label: string, bytes: Uint8Array): CipherText {
  checkCiphertextBytes(ckks, label, bytes);
  const ciphertext = ckks.seal.CipherText();
  try {
    ciphertext.loadArray(ckks.context, bytes);
  } catch (cause) {
    ciphertext.delete();
    throw fail('CIPHERTEXT_INVALID', label, `was refused by SEAL: ${cause instanceof Error ? cause.message : String(cause)}`, cause);
  }
  return ciphertext;
}
