// Mean and sample standard deviation over seeds, skipping missing values (a metric undefined on a one-class test set).

export interface Summary {
  readonly mean: number | null;
  /** Sample standard deviation (n − 1); null with fewer than two values, where it says nothing. */
  readonly std: number | null;
  readonly n: number;
}

export function summarize(values: readonly (number | null)[]): Summary {
  const present = values.filter((value): value is number => value !== null && Number.isFinite(value));
  const n = present.length;
  if (n === 0) return { mean: null, std: null, n };
  const mean = present.reduce((sum, value) => sum + value, 0) / n;
  if (n < 2) return { mean, std: null, n };
  const variance = present.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (n - 1);
  return { mean, std: Math.sqrt(variance), n };
}

/** The unweighted mean of the present values (FLamby's AvgN over sites); null when none is present. */
export function meanOf(values: readonly (number | null)[]): number | null {
  return summarize(values).mean;
}
