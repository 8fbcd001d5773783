// Untrusted ciphertext bytes: decoded and checked in JS against the run's parameters (see wireCiphertext.ts), then
// handed to SEAL as a serialization medfl built itself, so SEAL never parses attacker-shaped bytes.
import type { CipherText } from './loadSeal.ts';
import { MedflError } from '../MedflError.ts';
import type { CkksContext } from './ckksContext.ts';
import { fullCiphertext, seededCiphertext } from './sealLayout.ts';
import { decodeCiphertext, type DecodedCiphertext, type WireKind } from './wireCiphertext.ts';

/** Every check, no SEAL call: usable on each chunk as it streams in. */
export function checkCiphertext(ckks: CkksContext, label: string, bytes: Uint8Array, kind: WireKind): DecodedCiphertext {
  return decodeCiphertext(ckks.params, ckks.prime, label, bytes, kind);
}

const asBytes = (words: Uint32Array) => new Uint8Array(words.buffer, words.byteOffset, words.byteLength);

/** Checks then loads into SEAL (which regenerates c1 from a seed); the caller deletes the ciphertext. */
export function loadCiphertext(ckks: CkksContext, label: string, bytes: Uint8Array, kind: WireKind): CipherText {
  return loadDecoded(ckks, label, checkCiphertext(ckks, label, bytes, kind));
}

/** Loads what checkCiphertext returned into SEAL; the caller deletes the ciphertext. */
export function loadDecoded(ckks: CkksContext, label: string, { c0, c1, seed }: DecodedCiphertext): CipherText {
  const { parmsId, scale } = ckks;
  const n = ckks.params.polyModulusDegree;
  const sealBytes = seed ? seededCiphertext(parmsId, n, scale, asBytes(c0), seed) : fullCiphertext(parmsId, n, scale, true, asBytes(c0), asBytes(c1!));
  const ciphertext = ckks.seal.CipherText();
  try {
    ciphertext.loadArray(ckks.context, sealBytes);
  } catch (cause) {
    ciphertext.delete();
    // Not reachable with the checks above; kept so a SEAL surprise is still a refusal, not a crash.
    throw new MedflError('CIPHERTEXT_INVALID', `${label} was refused by SEAL: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
  return ciphertext;
}
