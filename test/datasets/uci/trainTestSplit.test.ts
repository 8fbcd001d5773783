import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { sharedDataset } from '../../../datasets/paths.ts';
import { readUciFile } from '../../../datasets/uci/readUciFile.ts';
import { splitSizes, trainTestSplit } from '../../../datasets/uci/trainTestSplit.ts';
import { uciExample } from '../../../datasets/uci/uciExample.ts';

function centreLabels(file: string): number[] {
  const path = join(sharedDataset('uci-heart-disease'), file);
  return readUciFile(path).flatMap((record) => uciExample(record, path) ?? []).map((example) => example.label);
}

describe('splitSizes', () => {
  it('gives FLamby’s per-centre sizes for train_size 0.66', () => {
    expect([303, 261, 46, 130].map((rows) => splitSizes(rows, 0.66))).toEqual([
      { train: 199, test: 104 },
      { train: 172, test: 89 },
      { train: 30, test: 16 },
      { train: 85, test: 45 },
    ]);
  });
});

describe('trainTestSplit', () => {
  it('keeps the label share in a stratified split and covers every row once', () => {
    const labels = Array.from({ length: 100 }, (_, i) => (i % 4 === 0 ? 1 : 0));
    const split = trainTestSplit(labels, 0.66, 43);
    expect(split.train).toHaveLength(66);
    expect(split.test).toHaveLength(34);
    expect(split.test.filter((row) => labels[row] === 1)).toHaveLength(8);
    expect([...split.train, ...split.test].sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i));
  });

  // Expected rows from scikit-learn's algorithm run on numpy.random.RandomState(43), as FLamby calls it.
  it('picks FLamby’s rows: a shuffled split when a class has two rows or fewer', () => {
    const labels = Array.from({ length: 46 }, (_, i) => (i === 3 ? 0 : 1));
    expect(trainTestSplit(labels, 0.66, 43).test).toEqual([5, 6, 7, 8, 13, 14, 18, 19, 20, 22, 24, 28, 29, 32, 40, 41]);
  });

  it('picks FLamby’s rows: stratified for Cleveland and VA', () => {
    const cleveland = trainTestSplit(centreLabels('processed.cleveland.data'), 0.66, 43).test;
    expect(cleveland.slice(0, 20)).toEqual([5, 13, 16, 24, 26, 34, 40, 42, 43, 46, 47, 48, 49, 53, 55, 56, 59, 60, 61, 63]);
    expect(cleveland.reduce((a, b) => a + b, 0)).toBe(16832);
    const va = trainTestSplit(centreLabels('processed.va.data'), 0.66, 43).test;
    expect(va.slice(0, 20)).toEqual([1, 5, 6, 9, 12, 26, 29, 33, 35, 36, 38, 39, 41, 42, 45, 47, 54, 60, 61, 62]);
    expect(va.reduce((a, b) => a + b, 0)).toBe(3089);
  });

  it('is a fresh generator per call: same labels, same split', () => {
    const labels = Array.from({ length: 50 }, (_, i) => i % 3 === 0 ? 1 : 0);
    expect(trainTestSplit(labels, 0.66, 43)).toEqual(trainTestSplit(labels, 0.66, 43));
    expect(trainTestSplit(labels, 0.66, 44)).not.toEqual(trainTestSplit(labels, 0.66, 43));
  });
});
