// Per-centre standardisation as FLamby does it: the centre's own train mean and (unbiased) std, applied to both splits.

export interface ColumnStats {
  readonly mean: Float64Array;
  readonly std: Float64Array;
}

/** Mean and sample standard deviation (n − 1, as torch.std) of each column of row-major `rows`. */
export function columnStats(rows: readonly (readonly number[])[], width: number): ColumnStats {
  const mean = new Float64Array(width);
  const std = new Float64Array(width);
  for (const row of rows) for (let j = 0; j < width; j += 1) mean[j] = (mean[j] ?? 0) + (row[j] ?? 0) / rows.length;
  for (const row of rows) for (let j = 0; j < width; j += 1) std[j] = (std[j] ?? 0) + ((row[j] ?? 0) - (mean[j] ?? 0)) ** 2;
  for (let j = 0; j < width; j += 1) std[j] = Math.sqrt((std[j] ?? 0) / Math.max(rows.length - 1, 1));
  return { mean, std };
}

/** FLamby adds 1e-9 to the std; a column constant on the train split thus becomes 0 there. */
const STD_EPSILON = 1e-9;

export function standardizeRows(rows: readonly (readonly number[])[], stats: ColumnStats): Float32Array {
  const width = stats.mean.length;
  const out = new Float32Array(rows.length * width);
  rows.forEach((row, i) => {
    for (let j = 0; j < width; j += 1) out[i * width + j] = ((row[j] ?? 0) - (stats.mean[j] ?? 0)) / ((stats.std[j] ?? 0) + STD_EPSILON);
  });
  return out;
}
