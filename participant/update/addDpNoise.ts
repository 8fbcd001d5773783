// Differential privacy for a clipped update: the Gaussian mechanism, as a pipeline stage the plan adds when it asks for noise.
import { randomBytes } from 'node:crypto';
import { valueHeadroom } from '../../common/he/ckksParameters.ts';
import type { UpdateTransform } from './UpdateTransform.ts';

/** Standard normal draws from the OS's CSPRNG (Box–Muller): DP noise must not be predictable from a seed. */
function gaussian(count: number): Float64Array {
  const out = new Float64Array(count);
  const bytes = randomBytes(8 * (count + 1));
  for (let i = 0; i < count; i += 2) {
    const u1 = (bytes.readUInt32LE(i * 4) + 1) / 4294967297;
    const u2 = bytes.readUInt32LE(i * 4 + 4) / 4294967296;
    const radius = Math.sqrt(-2 * Math.log(u1));
    out[i] = radius * Math.cos(2 * Math.PI * u2);
    if (i + 1 < count) out[i + 1] = radius * Math.sin(2 * Math.PI * u2);
  }
  return out;
}

/**
 * Adds N(0, (multiplier·clipNorm)²) to every coordinate (Gaussian mechanism on the clipped update); 0 adds nothing.
 * The noisy value is then clamped to the codec's room (NOISE_SIGMAS σ beyond the clip bound): clamping is
 * post-processing, so the privacy guarantee stands, and the encrypted sum can never wrap.
 */
export function addDpNoise(update: Float32Array, multiplier: number, clipNorm: number): Float32Array {
  if (multiplier === 0) return update;
  const noise = gaussian(update.length);
  const sigma = multiplier * clipNorm;
  const bound = Math.fround(clipNorm * valueHeadroom(multiplier));
  return update.map((value, i) => Math.min(bound, Math.max(-bound, Math.fround(value + sigma * (noise[i] ?? 0)))));
}

/** The pipeline's noise stage; it must follow the clip stage, whose bound the noise is scaled to. */
export function dpNoiseTransform(multiplier: number, clipNorm: number): UpdateTransform {
  return (update) => ({ ...update, values: addDpNoise(update.values, multiplier, clipNorm) });
}
