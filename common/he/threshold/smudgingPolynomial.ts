// A decryptor's smudging noise E: rounded Gaussian integers, clamped at SMUDGE_SIGMAS·σ so the parameters' noise
// budget covers its worst case. It hides the aggregate's own encryption noise (and with it the key) from those who
// open the aggregate. Deterministic from the site's seed and the request, so a resent share is the same bytes.
import { SMUDGE_SIGMAS } from '../ckksParameters.ts';
import type { Prime } from '../coefficientPacking.ts';
import { createKeystream } from './keystream.ts';

const SALT = 'medfl/v1/smudging';
const TWO_53 = 2 ** 53;

/** Uniform doubles in (0, 1) from 53 stream bits each. */
function uniforms(bytes: Uint8Array): Float64Array {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Float64Array(bytes.length / 8);
  for (let i = 0; i < out.length; i++) {
    const high = v.getUint32(8 * i, true) >>> 11; // 21 bits
    out[i] = (high * 2 ** 32 + v.getUint32(8 * i + 4, true) + 0.5) / TWO_53;
  }
  return out;
}

/** Coefficient-form noise (SEAL words mod q) for one chunk; `info` names the request (codec, attempt, sets, chunk). */
export function smudgingPolynomial(siteSeed: Uint8Array, info: string, degree: number, sigma: number, q: Prime): Uint8Array {
  const u = uniforms(createKeystream(siteSeed, SALT, info).next(8 * degree));
  const words = new Uint32Array(2 * degree);
  const limit = Math.floor(SMUDGE_SIGMAS * sigma);
  for (let i = 0; i < degree; i += 2) {
    // Box–Muller: two independent standard normals from two uniforms.
    const radius = Math.sqrt(-2 * Math.log(u[i] ?? 0.5));
    const angle = 2 * Math.PI * (u[i + 1] ?? 0);
    [radius * Math.cos(angle), radius * Math.sin(angle)].forEach((normal, j) => {
      const value = Math.max(-limit, Math.min(limit, Math.round(normal * sigma)));
      const k = 2 * (i + j);
      // |value| < 2^32 for any σ the prime leaves room for, so the low half alone carries it.
      if (value > 0) words[k] = value;
      if (value < 0) {
        words[k] = q.lo + value >= 0 ? q.lo + value : q.lo + value + 2 ** 32;
        words[k + 1] = q.lo + value >= 0 ? q.hi : q.hi - 1;
      }
    });
  }
  return new Uint8Array(words.buffer);
}
