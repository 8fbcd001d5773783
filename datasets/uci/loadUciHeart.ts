// FLamby's Fed-Heart-Disease from the four UCI files, read in place: one train/test split per centre.
import { join } from 'node:path';
import { MedflError } from '../../common/MedflError.ts';
import { sharedDataset } from '../paths.ts';
import type { SiteSplit, TabularDataset } from '../tabular.ts';
import { readUciFile } from './readUciFile.ts';
import { columnStats, standardizeRows, type ColumnStats } from './standardize.ts';
import { splitSizes, trainTestSplit } from './trainTestSplit.ts';
import { uciExample, type UciExample } from './uciExample.ts';
import { SPLIT_SEED, TRAIN_FRACTION, UCI_CENTRES, UCI_FEATURES, type UciCentre } from './uciHeartLayout.ts';

function table(examples: readonly UciExample[], stats: ColumnStats): TabularDataset {
  return {
    featureNames: UCI_FEATURES,
    features: standardizeRows(examples.map((example) => example.features), stats),
    labels: Float32Array.from(examples, (example) => example.label),
    rows: examples.length,
  };
}

interface CentreExamples {
  readonly site: string;
  readonly train: UciExample[];
  readonly test: UciExample[];
}

function centreExamples(dir: string, centre: UciCentre): CentreExamples {
  const file = join(dir, centre.file);
  const examples = readUciFile(file).flatMap((record) => uciExample(record, file) ?? []);
  const expected = centre.train + centre.test;
  const sizes = splitSizes(examples.length, TRAIN_FRACTION);
  if (examples.length !== expected || sizes.train !== centre.train || sizes.test !== centre.test) {
    throw new MedflError(
      'DATASET_MALFORMED',
      `${file} has ${examples.length} complete rows, but FLamby's ${centre.site} centre has ${expected}; is this the original processed UCI file?`,
      { details: { file, rows: examples.length, expected } },
    );
  }
  const split = trainTestSplit(examples.map((example) => example.label), TRAIN_FRACTION, SPLIT_SEED);
  const pick = (rows: number[]) => rows.map((row) => examples[row] as UciExample);
  return { site: centre.site, train: pick(split.train), test: pick(split.test) };
}

const statsOf = (examples: readonly UciExample[]) => columnStats(examples.map((example) => example.features), UCI_FEATURES.length);

/** The four centres (cleveland, hungary, switzerland, va), each standardised with its own train statistics. */
export function loadUciHeart(dir: string = sharedDataset('uci-heart-disease')): SiteSplit[] {
  return UCI_CENTRES.map((centre) => {
    const { site, train, test } = centreExamples(dir, centre);
    const stats = statsOf(train);
    return { site, train: table(train, stats), test: table(test, stats) };
  });
}

/**
 * All centres' training rows standardised with the statistics of that pooled training set: what FLamby's
 * pooled baseline trains on (FedHeartDisease(pooled=True)); its models are still tested on each centre's own split.
 */
export function loadUciHeartPooledTrain(dir: string = sharedDataset('uci-heart-disease')): TabularDataset {
  const train = UCI_CENTRES.flatMap((centre) => centreExamples(dir, centre).train);
  return table(train, statsOf(train));
}
