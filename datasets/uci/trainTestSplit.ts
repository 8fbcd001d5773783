// scikit-learn's train_test_split(..., random_state, shuffle=True, stratify) as FLamby calls it, reproduced with
// NumPy's legacy generator so each centre gets exactly FLamby's train and test rows.
import { legacyRandomState, type LegacyRandomState } from './legacyRandomState.ts';

export interface SplitIndices {
  /** Row indices, ascending (file order kept). */
  readonly train: number[];
  readonly test: number[];
}

/** sklearn's _validate_shuffle_split for float sizes: test rows rounded up, train rows rounded down. */
export function splitSizes(rows: number, trainFraction: number): { train: number; test: number } {
  return { train: Math.floor(trainFraction * rows), test: Math.ceil((1 - trainFraction) * rows) };
}

/** sklearn's _approximate_mode: per-class draws that sum to `draws`, ties in the remainder broken at random. */
function approximateMode(classCounts: readonly number[], draws: number, rng: LegacyRandomState): number[] {
  const total = classCounts.reduce((a, b) => a + b, 0);
  const continuous = classCounts.map((count) => (count / total) * draws);
  const floored = continuous.map(Math.floor);
  let needToAdd = draws - floored.reduce((a, b) => a + b, 0);
  const remainders = continuous.map((value, i) => value - (floored[i] ?? 0));
  const values = [...new Set(remainders)].sort((a, b) => b - a);
  for (const value of values) {
    if (needToAdd <= 0) break;
    const candidates = remainders.flatMap((remainder, i) => (remainder === value ? [i] : []));
    const addNow = Math.min(candidates.length, needToAdd);
    for (const k of rng.permutation(candidates.length).slice(0, addNow)) {
      const index = candidates[k] ?? 0;
      floored[index] = (floored[index] ?? 0) + 1;
    }
    needToAdd -= addNow;
  }
  return floored;
}

function sorted(indices: Iterable<number>): number[] {
  return [...indices].sort((a, b) => a - b);
}

/** StratifiedShuffleSplit's first split: a permutation per class, its head to train, the next rows to test. */
function stratified(labels: readonly number[], sizes: { train: number; test: number }, rng: LegacyRandomState): SplitIndices {
  const classes = sorted(new Set(labels));
  const classIndices = classes.map((label) => labels.flatMap((value, row) => (value === label ? [row] : [])));
  const classCounts = classIndices.map((rows) => rows.length);
  const trainPerClass = approximateMode(classCounts, sizes.train, rng);
  const testPerClass = approximateMode(classCounts.map((count, i) => count - (trainPerClass[i] ?? 0)), sizes.test, rng);
  const train: number[] = [];
  const test: number[] = [];
  classIndices.forEach((rows, i) => {
    const shuffled = rng.permutation(rows.length).map((k) => rows[k] ?? 0);
    const nTrain = trainPerClass[i] ?? 0;
    train.push(...shuffled.slice(0, nTrain));
    test.push(...shuffled.slice(nTrain, nTrain + (testPerClass[i] ?? 0)));
  });
  return { train: sorted(train), test: sorted(test) };
}

/** ShuffleSplit's first split: one permutation, its head to test, the next rows to train. */
function shuffled(rows: number, sizes: { train: number; test: number }, rng: LegacyRandomState): SplitIndices {
  const order = rng.permutation(rows);
  return { test: sorted(order.slice(0, sizes.test)), train: sorted(order.slice(sizes.test, sizes.test + sizes.train)) };
}

/**
 * FLamby's per-centre split: stratified by label when every class has more than two rows, a plain shuffled split
 * otherwise (Switzerland, with a single negative), always with a fresh RandomState(randomState).
 */
export function trainTestSplit(labels: readonly number[], trainFraction: number, randomState: number): SplitIndices {
  const sizes = splitSizes(labels.length, trainFraction);
  const rng = legacyRandomState(randomState);
  const counts = [...new Set(labels)].map((label) => labels.filter((value) => value === label).length);
  const stratify = counts.length > 1 && counts.every((count) => count > 2);
  return stratify ? stratified(labels, sizes, rng) : shuffled(labels.length, sizes, rng);
}
