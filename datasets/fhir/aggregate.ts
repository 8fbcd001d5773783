// One aggregate of the values of a window (`values[lo..hi)` at `times`), NaN when the window has too few values.
import type { Aggregate } from './windowing.ts';

const HOUR_MS = 3_600_000;

function mean(values: Float32Array, lo: number, hi: number): number {
  let sum = 0;
  for (let i = lo; i < hi; i++) sum += values[i] ?? 0;
  return sum / (hi - lo);
}

/** Least-squares slope in units per hour. */
function slope(times: Float64Array, values: Float32Array, lo: number, hi: number): number {
  if (hi - lo < 2) return Number.NaN;
  const meanValue = mean(values, lo, hi);
  let meanTime = 0;
  for (let i = lo; i < hi; i++) meanTime += (times[i] ?? 0) / HOUR_MS;
  meanTime /= hi - lo;
  let covariance = 0;
  let variance = 0;
  for (let i = lo; i < hi; i++) {
    const dt = (times[i] ?? 0) / HOUR_MS - meanTime;
    covariance += dt * ((values[i] ?? 0) - meanValue);
    variance += dt * dt;
  }
  return variance === 0 ? Number.NaN : covariance / variance;
}

function std(values: Float32Array, lo: number, hi: number): number {
  if (hi - lo < 2) return Number.NaN;
  const m = mean(values, lo, hi);
  let sum = 0;
  for (let i = lo; i < hi; i++) sum += ((values[i] ?? 0) - m) ** 2;
  return Math.sqrt(sum / (hi - lo));
}

export function aggregate(kind: Aggregate, times: Float64Array, values: Float32Array, lo: number, hi: number): number {
  if (hi <= lo) return Number.NaN;
  switch (kind) {
    case 'last':
      return values[hi - 1] ?? Number.NaN;
    case 'mean':
      return mean(values, lo, hi);
    case 'min':
      return Math.min(...values.subarray(lo, hi));
    case 'max':
      return Math.max(...values.subarray(lo, hi));
    case 'slope':
      return slope(times, values, lo, hi);
    case 'std':
      return std(values, lo, hi);
  }
}
