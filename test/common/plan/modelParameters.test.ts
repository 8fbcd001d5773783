import { describe, expect, it } from 'vitest';
import { buildTopology } from '../../../common/model/buildTopology.ts';
import { parameterCount } from '../../../common/model/ModelArtifact.ts';
import { MAX_MODEL_PARAMETERS, modelParameters } from '../../../common/plan/modelParameters.ts';

describe('modelParameters', () => {
  it('counts the weights the model topology has', () => {
    for (const model of [{ kind: 'logistic' as const }, { kind: 'mlp' as const, hidden: [16] }, { kind: 'mlp' as const, hidden: [64, 32, 8] }]) {
      expect(modelParameters(model, 25)).toBe(parameterCount(buildTopology(model, 25).weightSpecs));
    }
  });

  it('puts a 16×4096 MLP far over the limit, and a 50 M-weight model (the issue\'s large update) under it', () => {
    expect(MAX_MODEL_PARAMETERS).toBe(64_000_000);
    expect(modelParameters({ kind: 'mlp', hidden: Array.from({ length: 16 }, () => 4096) }, 13)).toBeGreaterThan(3 * MAX_MODEL_PARAMETERS);
    const fiftyMillion = modelParameters({ kind: 'mlp', hidden: [4096, 4096, 4096, 4096] }, 32);
    expect(fiftyMillion).toBeGreaterThan(49_000_000);
    expect(fiftyMillion).toBeLessThan(MAX_MODEL_PARAMETERS);
  });
});
