// Standardises feature columns with the training split's mean and spread (never the test split's), in place;
// missing values (NaN) become 0, the training mean, afterwards.

export interface Standardisation {
  mean: number[];
  std: number[];
}

/** Mean and standard deviation per column over the non-missing values of `features`. */
export function columnStats(features: Float32Array, width: number): Standardisation {
  const sum = new Float64Array(width);
  const squares = new Float64Array(width);
  const count = new Float64Array(width);
  for (let i = 0; i < features.length; i++) {
    const value = features[i] ?? Number.NaN;
    if (Number.isNaN(value)) continue;
    const column = i % width;
    sum[column] = (sum[column] ?? 0) + value;
    squares[column] = (squares[column] ?? 0) + value * value;
    count[column] = (count[column] ?? 0) + 1;
  }
  const mean = Array.from(sum, (s, c) => (count[c] ? s / (count[c] ?? 1) : 0));
  const std = Array.from(squares, (sq, c) => {
    const n = count[c] ?? 0;
    const variance = n > 1 ? sq / n - (mean[c] ?? 0) ** 2 : 0;
    // A constant column keeps scale 1 so it becomes all zeros instead of dividing by zero.
    return variance > 1e-12 ? Math.sqrt(variance) : 1;
  });
  return { mean, std };
}

export function applyStandardisation(features: Float32Array, width: number, stats: Standardisation): void {
  for (let i = 0; i < features.length; i++) {
    const column = i % width;
    const value = features[i] ?? Number.NaN;
    features[i] = Number.isNaN(value) ? 0 : (value - (stats.mean[column] ?? 0)) / (stats.std[column] ?? 1);
  }
}
