// Shared by the partition tests: a tiny labelled dataset.
import type { TabularDataset } from '../../../datasets/tabular.ts';

export function dataset(rows: number, positiveEvery = 3): TabularDataset {
  return {
    featureNames: ['x', 'y'],
    features: Float32Array.from({ length: rows * 2 }, (_, i) => i),
    labels: Float32Array.from({ length: rows }, (_, i) => (i % positiveEvery === 0 ? 1 : 0)),
    rows,
  };
}

export const sorted = (parts: number[][]) => parts.flat().sort((a, b) => a - b);
export const range = (n: number) => [...Array(n).keys()];
