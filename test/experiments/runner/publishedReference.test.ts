import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPublishedReference, missingMethods } from '../../../experiments/runner/publishedReference.ts';

const fixture = join(import.meta.dirname, 'fixtures', 'published.json');

describe('loadPublishedReference', () => {
  it("is the mean and sample std over seeds of each seed's unweighted mean over sites", () => {
    const summary = loadPublishedReference(fixture);
    expect(summary.metric).toBe('accuracy');
    // FedAvg: seed 42 averages 0.75, seed 43 averages 0.65.
    expect(summary.methods.FedAvg!.mean).toBeCloseTo(0.7, 12);
    expect(summary.methods.FedAvg!.std).toBeCloseTo(Math.sqrt(0.005), 12);
    expect(summary.methods.FedAvg!.seeds).toBe(2);
    expect(summary.methods['Local 0']).toEqual({ mean: 0.7, std: null, seeds: 1 });
    expect(summary.methods.Pooled!.mean).toBeCloseTo(0.75, 12);
    expect(summary.methods.Pooled!.std).toBeCloseTo(0, 12);
  });

  it('lists the methods an experiment names that the file lacks', () => {
    expect(missingMethods(loadPublishedReference(fixture), ['FedAvg', 'Scaffold', 'Scaffold'])).toEqual(['Scaffold']);
  });

  it('refuses a file of another shape, naming the field', () => {
    expect(() => loadPublishedReference(join(import.meta.dirname, 'fixtures', 'published-bad.json'))).toThrow(
      expect.objectContaining({ code: 'EXPERIMENT_INVALID', message: expect.stringContaining('methods.FedAvg.first: Invalid key in record') }),
    );
  });
});
