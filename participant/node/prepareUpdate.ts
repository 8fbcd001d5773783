// Step 2 before encryption: delta = w_local - w_global, clipped to the plan's L2 bound, with optional Gaussian DP noise.
import { randomBytes } from 'node:crypto';
import { valueHeadroom } from '../../common/he/ckksParameters.ts';
import { MedflError } from '../../common/MedflError.ts';

export function modelDelta(local: Float32Array, global: Float32Array): Float32Array {
  if (local.length !== global.length) throw new MedflError('MODEL_INVALID', `local model has ${local.length} weights, the global model ${global.length}`);
  const delta = new Float32Array(local.length);
  for (let i = 0; i < local.length; i += 1) delta[i] = Math.fround((local[i] ?? 0) - (global[i] ?? 0));
  return delta;
}

export function l2Norm(values: Float32Array): number {
  let sum = 0;
  for (const value of values) sum += value * value;
  return Math.sqrt(sum);
}

/** Scales `delta` down to L2 norm `clipNorm` when it is longer (the bound the CKKS parameters were chosen for). */
export function clipToNorm(delta: Float32Array, clipNorm: number): { clipped: Float32Array; norm: number } {
  const norm = l2Norm(delta);
  if (norm <= clipNorm) return { clipped: delta, norm };
  const scale = clipNorm / norm;
  return { clipped: delta.map((value) => Math.fround(value * scale)), norm };
}

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
