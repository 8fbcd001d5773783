// medfl's ciphertext wire format: a 16-byte header naming the codec, then each polynomial bit-packed at primeBits
// per coefficient (SEAL's own serialization spends 64), and for a site's fresh ciphertext the 64-byte seed that c1
// is regenerated from. Decoding checks everything (length, header, every coefficient below the prime) in JS, so
// the SEAL bytes built from it are well-formed by construction: untrusted bytes never reach SEAL's parser.
import { MedflError } from '../MedflError.ts';
import { packWords, packedBytes, unpackWords } from './bitPacking.ts';
import type { Prime } from './coefficientPacking.ts';
import { SEED_LENGTH } from './sealLayout.ts';

/** "MFCT": medfl ciphertext. */
const MAGIC = 0x5443464d;
const VERSION = 1;
export const WIRE_HEADER_BYTES = 16;
const CODEC_TAG_BYTES = 8;

/**
 * `seeded`: a site's fresh ciphertext (c0 + seed); `full`: the coordinator's sum (c0 + c1); `crs`: one polynomial
 * whose c1 is the attempt's common random polynomial everyone regenerates (threshold/crsPolynomial.ts), so only c0
 * travels: a threshold site's ciphertext, a decryption share, or their folds.
 */
export type WireKind = 'seeded' | 'full' | 'crs';
const KIND_BYTE: Record<WireKind, number> = { seeded: 1, full: 2, crs: 3 };
const TRAILER: Record<WireKind, (polynomial: number) => number> = { seeded: () => SEED_LENGTH, full: (polynomial) => polynomial, crs: () => 0 };

export interface DecodedCiphertext {
  /** c0 as SEAL lays it out: little-endian uint64 words (2·N uint32 halves). */
  readonly c0: Uint32Array;
  /** c1 for a full ciphertext; the seed that regenerates it for a seeded one; neither for a crs one. */
  readonly c1?: Uint32Array;
  readonly seed?: Uint8Array;
}

/** The ring a ciphertext lives in; ckksParameters.ts sizes ciphertexts with it, so this file must not import that one. */
interface RingShape {
  readonly polyModulusDegree: number;
  readonly primeBits: number;
}

type WireParameters = RingShape & { readonly codecId: string };

export function wireCiphertextBytes(params: RingShape, kind: WireKind): number {
  const polynomial = packedBytes(params.polyModulusDegree, params.primeBits);
  return WIRE_HEADER_BYTES + polynomial + TRAILER[kind](polynomial);
}

const codecTag = (codecId: string): Uint8Array => Uint8Array.from(Buffer.from(codecId.slice(2, 2 + 2 * CODEC_TAG_BYTES), 'hex'));

function writeHeader(bytes: Uint8Array, params: WireParameters, kind: WireKind): void {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  v.setUint32(0, MAGIC, true);
  v.setUint8(4, VERSION);
  v.setUint8(5, KIND_BYTE[kind]);
  v.setUint8(6, Math.log2(params.polyModulusDegree));
  v.setUint8(7, params.primeBits);
  bytes.set(codecTag(params.codecId), 8);
}

/** Packs SEAL-layout polynomials (and the seed of a seeded ciphertext; nothing after c0 for crs) into wire bytes. */
export function encodeCiphertext(params: WireParameters, kind: WireKind, c0: Uint8Array, second: Uint8Array = new Uint8Array(0)): Uint8Array {
  const n = params.polyModulusDegree;
  const words = (poly: Uint8Array) => new Uint32Array(poly.buffer.slice(poly.byteOffset, poly.byteOffset + 8 * n));
  const bytes = new Uint8Array(wireCiphertextBytes(params, kind));
  writeHeader(bytes, params, kind);
  const c0Packed = packWords(words(c0), n, params.primeBits);
  bytes.set(c0Packed, WIRE_HEADER_BYTES);
  if (kind !== 'crs') bytes.set(kind === 'seeded' ? second : packWords(words(second), n, params.primeBits), WIRE_HEADER_BYTES + c0Packed.length);
  return bytes;
}

type Code = 'CIPHERTEXT_INVALID' | 'CIPHERTEXT_TRUNCATED' | 'CIPHERTEXT_OVERSIZE' | 'CIPHERTEXT_WRONG_PARAMETERS';
const fail = (code: Code, label: string, why: string) => new MedflError(code, `${label} ${why}`);

function checkFrame(params: WireParameters, label: string, bytes: Uint8Array, kind: WireKind): void {
  const expected = wireCiphertextBytes(params, kind);
  const largest = wireCiphertextBytes(params, 'full');
  if (bytes.length > largest) throw fail('CIPHERTEXT_OVERSIZE', label, `is ${bytes.length} bytes; this codec's ciphertexts are at most ${largest}`);
  if (bytes.length < WIRE_HEADER_BYTES) throw fail('CIPHERTEXT_TRUNCATED', label, `is only ${bytes.length} bytes, shorter than a ciphertext header`);
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (v.getUint32(0, true) !== MAGIC || v.getUint8(4) !== VERSION) {
    throw fail('CIPHERTEXT_INVALID', label, `is not a medfl ciphertext (magic 0x${v.getUint32(0, true).toString(16)}, version ${v.getUint8(4)})`);
  }
  const tag = bytes.subarray(8, WIRE_HEADER_BYTES);
  const ours = codecTag(params.codecId);
  const ring = 2 ** v.getUint8(6);
  if (ring !== params.polyModulusDegree || v.getUint8(7) !== params.primeBits || !tag.every((byte, i) => byte === ours[i])) {
    throw fail('CIPHERTEXT_WRONG_PARAMETERS', label, `was made for other encryption parameters (N=${ring}, ${v.getUint8(7)}-bit prime, codec 0x${Buffer.from(tag).toString('hex')}…), not codec ${params.codecId}`);
  }
  if (v.getUint8(5) !== KIND_BYTE[kind]) throw fail('CIPHERTEXT_INVALID', label, `is not a ${kind} ciphertext (kind byte ${v.getUint8(5)})`);
  if (bytes.length !== expected) {
    throw fail(bytes.length < expected ? 'CIPHERTEXT_TRUNCATED' : 'CIPHERTEXT_INVALID', label, `is ${bytes.length} bytes; a ${kind} ciphertext of this codec is ${expected}`);
  }
}

/** Every coefficient must lie in [0, q): SEAL refuses others, and the coordinator must never store one it would refuse. */
function checkBelowPrime(label: string, words: Uint32Array, q: Prime, polynomial: string): void {
  for (let i = 0; i < words.length; i += 2) {
    const lo = words[i] ?? 0;
    const hi = words[i + 1] ?? 0;
    if (hi > q.hi || (hi === q.hi && lo >= q.lo)) throw fail('CIPHERTEXT_INVALID', label, `has ${polynomial} coefficient ${i / 2} at or above the prime`);
  }
}

/** Checks wire bytes against the codec and unpacks them; throws CIPHERTEXT_* naming what was wrong. */
export function decodeCiphertext(params: WireParameters, q: Prime, label: string, bytes: Uint8Array, kind: WireKind): DecodedCiphertext {
  checkFrame(params, label, bytes, kind);
  const n = params.polyModulusDegree;
  const polynomial = packedBytes(n, params.primeBits);
  const body = bytes.subarray(WIRE_HEADER_BYTES);
  const c0 = unpackWords(body.subarray(0, polynomial), n, params.primeBits);
  checkBelowPrime(label, c0, q, 'c0');
  if (kind === 'crs') return { c0 };
  if (kind === 'seeded') return { c0, seed: body.slice(polynomial) };
  const c1 = unpackWords(body.subarray(polynomial), n, params.primeBits);
  checkBelowPrime(label, c1, q, 'c1');
  return { c0, c1 };
}
