// The start of a site's update: delta = w_local - w_global, weight by weight in Float32.
import { MedflError } from '../../common/MedflError.ts';

export function modelDelta(local: Float32Array, global: Float32Array): Float32Array {
  if (local.length !== global.length) throw new MedflError('MODEL_INVALID', `local model has ${local.length} weights, the global model ${global.length}`);
  const delta = new Float32Array(local.length);
  for (let i = 0; i < local.length; i += 1) delta[i] = Math.fround((local[i] ?? 0) - (global[i] ?? 0));
  return delta;
}
