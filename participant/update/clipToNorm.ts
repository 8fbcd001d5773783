// Bounds one site's influence: the update is scaled down to the plan's L2 clip norm, the bound the CKKS parameters were chosen for.
import { l2Norm } from './l2Norm.ts';
import type { UpdateTransform } from './UpdateTransform.ts';

/** Scales `delta` down to L2 norm `clipNorm` when it is longer; a shorter one is returned as it is. */
export function clipToNorm(delta: Float32Array, clipNorm: number): { clipped: Float32Array; norm: number } {
  const norm = l2Norm(delta);
  if (norm <= clipNorm) return { clipped: delta, norm };
  const scale = clipNorm / norm;
  return { clipped: delta.map((value) => Math.fround(value * scale)), norm };
}

/**
 * The pipeline's clip stage: each of `parts` equal consecutive parts (SCAFFOLD's Δy and Δc) scaled down to `clipNorm`
 * on its own; it records the whole update's norm before clipping for the node's log.
 */
export function clipTransform(clipNorm: number, parts = 1): UpdateTransform {
  return (update) => {
    const length = update.values.length / parts;
    if (parts === 1) {
      const { clipped, norm } = clipToNorm(update.values, clipNorm);
      return { ...update, values: clipped, normBeforeClip: norm };
    }
    const values = new Float32Array(update.values.length);
    for (let part = 0; part < parts; part += 1) values.set(clipToNorm(update.values.subarray(part * length, (part + 1) * length), clipNorm).clipped, part * length);
    return { ...update, values, normBeforeClip: l2Norm(update.values) };
  };
}
