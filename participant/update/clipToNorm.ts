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

/** The pipeline's clip stage; it records the norm before clipping for the node's log. */
export function clipTransform(clipNorm: number): UpdateTransform {
  return (update) => {
    const { clipped, norm } = clipToNorm(update.values, clipNorm);
    return { ...update, values: clipped, normBeforeClip: norm };
  };
}
