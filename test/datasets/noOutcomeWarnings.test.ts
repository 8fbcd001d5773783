import { describe, expect, it } from 'vitest';
import { noOutcomeWarnings, splitLabelRate } from '../../datasets/noOutcomeWarnings.ts';
import type { TabularDataset } from '../../datasets/tabular.ts';

const table = (labels: number[]): TabularDataset => ({ featureNames: ['x'], features: new Float32Array(labels.length), labels: Float32Array.from(labels), rows: labels.length });

describe('noOutcomeWarnings', () => {
  it('warns, by name, for each site whose train and test rows hold no positive label', () => {
    const rates = [splitLabelRate({ site: 'a', train: table([0, 0]), test: table([0]) }), splitLabelRate({ site: 'b', train: table([0, 0]), test: table([1, 0]) })];
    expect(rates).toEqual([{ site: 'a', labelRate: 0 }, { site: 'b', labelRate: 0.25 }]);
    expect(noOutcomeWarnings(rates)).toEqual(['warning: a has no outcomes (label rate 0); check the plan\'s outcome coding, window and horizon']);
  });
});
