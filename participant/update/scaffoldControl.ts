// SCAFFOLD's site-side control-variate maths (Karimireddy et al. 2020, Algorithm 1, option II), in Float32.
// Pure: the node feeds it the global control c, its own c_i and the trained weights, and keeps what it returns.
import { MedflError } from '../../common/MedflError.ts';

const f = Math.fround;

function sameLength(name: string, values: Float32Array, length: number): void {
  if (values.length !== length) throw new MedflError('UPDATE_INVALID', `the SCAFFOLD ${name} holds ${values.length} values, the model ${length}`);
}

/** c − c_i: the correction every local step adds to the gradient (y ← y − η(g(y) + c − c_i)). */
export function controlCorrection(c: Float32Array, ci: Float32Array): Float32Array {
  sameLength('site control', ci, c.length);
  return c.map((value, i) => f(value - (ci[i] ?? 0)));
}

export interface ControlInput {
  /** The global model x the site started from, and its weights y after `steps` local SGD steps of rate `learningRate`. */
  readonly x: Float32Array;
  readonly y: Float32Array;
  readonly c: Float32Array;
  readonly ci: Float32Array;
  readonly steps: number;
  readonly learningRate: number;
}

/** Δc = c_i⁺ − c_i, with option II's c_i⁺ = c_i − c + (x − y)/(K·η). */
export function controlDelta({ x, y, c, ci, steps, learningRate }: ControlInput): Float32Array {
  for (const [name, values] of [['local model', y], ['global control', c], ['site control', ci]] as const) sameLength(name, values, x.length);
  if (!(Number.isInteger(steps) && steps > 0 && learningRate > 0)) {
    throw new MedflError('UPDATE_INVALID', `SCAFFOLD needs a positive step count and learning rate, got ${steps} steps at ${learningRate}`);
  }
  const scale = steps * learningRate;
  const delta = new Float32Array(x.length);
  for (let i = 0; i < x.length; i += 1) {
    const next = f((ci[i] ?? 0) - (c[i] ?? 0) + ((x[i] ?? 0) - (y[i] ?? 0)) / scale);
    delta[i] = f(next - (ci[i] ?? 0));
  }
  return delta;
}

/**
 * The c_i a site keeps once the round commits with its update: c_i plus the Δc it actually sent (clipped, and noised
 * under DP), so the global control c, which moves by the sent Δc, stays the mean of the sites' c_i it was built from.
 */
export function advanceControl(ci: Float32Array, sentDelta: Float32Array): Float32Array {
  sameLength('control update', sentDelta, ci.length);
  return ci.map((value, i) => f(value + (sentDelta[i] ?? 0)));
}
