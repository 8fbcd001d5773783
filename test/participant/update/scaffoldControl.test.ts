import { describe, expect, it } from 'vitest';
import { genesisModel } from '../../../common/model/genesis.ts';
import { advanceControl, controlCorrection, controlDelta } from '../../../participant/update/scaffoldControl.ts';
import { trainLocal } from '../../../participant/training/trainLocal.ts';

const f = Math.fround;

describe('scaffoldControl', () => {
  it('corrects by c − c_i and advances c_i by the Δc sent', () => {
    expect(Array.from(controlCorrection(new Float32Array([1, 0.5]), new Float32Array([0.25, 1])))).toEqual([0.75, -0.5]);
    expect(Array.from(advanceControl(new Float32Array([1, 2]), new Float32Array([0.5, -2])))).toEqual([1.5, 0]);
  });

  it('computes option II: c_i⁺ = c_i − c + (x − y)/(K·η), Δc = c_i⁺ − c_i', () => {
    const delta = controlDelta({ x: new Float32Array([1, 0]), y: new Float32Array([0.5, 0.25]), c: new Float32Array([0.5, 0]), ci: new Float32Array([1, 1]), steps: 5, learningRate: 0.1 });
    // c_i⁺ = [1 − 0.5 + 0.5/0.5, 1 − 0 − 0.25/0.5] = [1.5, 0.5]
    expect(Array.from(delta)).toEqual([f(1.5 - 1), f(0.5 - 1)]);
  });

  it('on a tiny data set with c = c_i = 0, c_i⁺ is the mean gradient over the K steps: (x − y)/(K·η)', async () => {
    // One feature, two rows, full-batch SGD: each step's gradient is g_k, so y = x − η·Σg_k and (x − y)/(K·η) = mean g_k.
    const global = genesisModel({ model: { kind: 'logistic' }, features: ['x'], seed: 1 });
    const data = { featureNames: ['x'], features: Float32Array.from([1, -1]), labels: Float32Array.from([1, 0]), rows: 2 };
    const training = { optimizer: 'sgd' as const, learningRate: 0.5, batchSize: 2, localSteps: 3 };
    const zero = new Float32Array(2);
    const local = await trainLocal(global, data, { training, seed: 1, controlCorrection: zero });
    expect(local.steps).toBe(3);
    const delta = controlDelta({ x: global.weights, y: local.model.weights, c: zero, ci: zero, steps: local.steps, learningRate: 0.5 });
    // By hand: w, b start at the genesis values; g = mean((σ(w·x + b) − y)·[x, 1]) over the two rows.
    const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));
    let [w, b] = [global.weights[0] ?? 0, global.weights[1] ?? 0];
    let [sumW, sumB] = [0, 0];
    for (let k = 0; k < 3; k += 1) {
      const e1 = sigmoid(w + b) - 1;
      const e2 = sigmoid(-w + b) - 0;
      const g = [(e1 - e2) / 2, (e1 + e2) / 2];
      sumW += g[0] ?? 0;
      sumB += g[1] ?? 0;
      w -= 0.5 * (g[0] ?? 0);
      b -= 0.5 * (g[1] ?? 0);
    }
    expect(delta[0]).toBeCloseTo(sumW / 3, 5);
    expect(delta[1]).toBeCloseTo(sumB / 3, 5);
  });

  it('refuses vectors of other lengths and a step count that is not positive', () => {
    const one = new Float32Array(1);
    expect(() => controlCorrection(one, new Float32Array(2))).toThrow('the SCAFFOLD site control holds 2 values, the model 1');
    expect(() => controlDelta({ x: one, y: one, c: one, ci: one, steps: 0, learningRate: 0.1 })).toThrow('SCAFFOLD needs a positive step count and learning rate, got 0 steps at 0.1');
  });
});
