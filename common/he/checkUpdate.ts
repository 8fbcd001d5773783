// The checks an update must pass before it is encoded: both codecs refuse, never clamp, what the sum has no room for.
import { MedflError } from '../MedflError.ts';

export interface UpdateLimits {
  readonly parameterCount: number;
  readonly maxExamples: number;
  /** Largest absolute coordinate accepted (Infinity for the plaintext codec). */
  readonly maxAbsValue: number;
}

export function checkUpdate(update: Float32Array, examples: number, limits: UpdateLimits): void {
  if (update.length !== limits.parameterCount) {
    throw new MedflError('CODEC_MISMATCH', `the update has ${update.length} parameters; the codec was built for ${limits.parameterCount}`);
  }
  if (!Number.isInteger(examples) || examples < 1 || examples > limits.maxExamples) {
    throw new MedflError('CODEC_PARAMETERS', `the example count must be an integer in 1..${limits.maxExamples}, got ${examples}`);
  }
  for (let i = 0; i < update.length; i++) {
    const value = update[i] ?? 0;
    if (!Number.isFinite(value) || Math.abs(value) > limits.maxAbsValue) {
      throw new MedflError('CODEC_PARAMETERS', `update coordinate ${i} is ${value}; the codec accepts finite values up to ${limits.maxAbsValue} in magnitude (clip the update first)`);
    }
  }
}

export function checkTotalExamples(totalExamples: number, max: number): void {
  if (!Number.isInteger(totalExamples) || totalExamples < 1 || totalExamples > max) {
    throw new MedflError('CODEC_PARAMETERS', `the total example count must be an integer in 1..${max}, got ${totalExamples}`);
  }
}
