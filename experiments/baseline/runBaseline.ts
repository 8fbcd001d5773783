// Centralised baselines as FLamby runs them: train on the pooled training data (or on one centre alone),
// then test on every centre's test split and on all test splits pooled; once per seed.
import type { BinaryMetrics } from '../../common/metrics.ts';
import { genesisModel } from '../../common/model/genesis.ts';
import type { ModelSpec, TrainingConfig } from '../../common/plan/planSchema.ts';
import type { SiteSplit, TabularDataset } from '../../datasets/tabular.ts';
import { evaluateModel } from '../../participant/training/evaluateModel.ts';
import { trainLocal } from '../../participant/training/trainLocal.ts';
import { poolDatasets } from '../../datasets/poolDatasets.ts';

export type BaselineMode = 'pooled' | 'local';

/** What a baseline trains, however its data were found: the CLI's request and `runBaseline` share it. */
export interface BaselineSettings {
  readonly mode: BaselineMode;
  readonly seeds: readonly number[];
  readonly model: ModelSpec;
  /** `localEpochs` is the number of training epochs (a baseline counts epochs, not steps). */
  readonly training: TrainingConfig & { readonly localEpochs: number };
}

export interface BaselineOptions extends BaselineSettings {
  readonly splits: readonly SiteSplit[];
  /** Pooled mode trains on this when given (e.g. FLamby's pooled-train standardisation), else on the stacked site train sets. */
  readonly pooledTrain?: TabularDataset;
  /** Called after every training epoch of every run (for progress bars). */
  readonly onEpoch?: () => void;
}

/** One training run: which data it trained on, its seed, and its metrics on each test set ('pooled' = all). */
export interface BaselineRun {
  readonly trainedOn: string;
  readonly seed: number;
  readonly tests: Readonly<Record<string, BinaryMetrics>>;
}

export const POOLED = 'pooled';

function trainingSets(options: BaselineOptions): { name: string; data: TabularDataset }[] {
  if (options.mode === 'pooled') return [{ name: POOLED, data: options.pooledTrain ?? poolDatasets(options.splits.map((split) => split.train)) }];
  return options.splits.map((split) => ({ name: split.site, data: split.train }));
}

export async function runBaseline(options: BaselineOptions): Promise<BaselineRun[]> {
  const tests = [...options.splits.map((split) => ({ name: split.site, data: split.test })), { name: POOLED, data: poolDatasets(options.splits.map((split) => split.test)) }];
  const features = options.splits[0]?.train.featureNames ?? [];
  const runs: BaselineRun[] = [];
  for (const { name, data } of trainingSets(options)) {
    for (const seed of options.seeds) {
      const initial = genesisModel({ model: options.model, features, seed });
      const { model } = await trainLocal(initial, data, { training: options.training, seed }, () => options.onEpoch?.());
      const metrics: Record<string, BinaryMetrics> = {};
      for (const test of tests) metrics[test.name] = await evaluateModel(model, test.data);
      runs.push({ trainedOn: name, seed, tests: metrics });
    }
  }
  return runs;
}

/** How many training epochs `runBaseline` will run in all (for a progress total). */
export function baselineEpochs(options: Pick<BaselineOptions, 'splits' | 'mode' | 'seeds' | 'training'>): number {
  const sets = options.mode === 'pooled' ? 1 : options.splits.length;
  return sets * options.seeds.length * options.training.localEpochs;
}
