// Turns one patient's series into feature rows: a prediction every `strideHours`, features from the preceding
// window, label 1 when the outcome event follows within the horizon. Windows after the first event are dropped.
import { aggregate } from './aggregate.ts';
import type { FeatureTable } from './FeatureTable.ts';
import type { PatientRecord } from './PatientRecord.ts';
import type { WindowingOptions } from './windowing.ts';

const HOUR_MS = 3_600_000;
const YEAR_MS = 365.25 * 24 * HOUR_MS;

interface Sorted {
  times: Float64Array;
  values: Float32Array;
  lo: number;
  hi: number;
}

/** Window counts per feature code, for the missingness report. */
export interface WindowCounts {
  windows: number;
  positive: number;
  missing: number[];
}

/** Advances each code's [lo, hi) to the values in (end - window, end]; returns how many values the window holds. */
function advance(series: Sorted[], end: number, windowMs: number): number {
  let held = 0;
  for (const s of series) {
    while (s.hi < s.times.length && (s.times[s.hi] ?? 0) <= end) s.hi += 1;
    while (s.lo < s.hi && (s.times[s.lo] ?? 0) <= end - windowMs) s.lo += 1;
    held += s.hi - s.lo;
  }
  return held;
}

/** The first time any code has a value after `end`. */
function nextTime(series: Sorted[]): number {
  return Math.min(...series.map((s) => (s.hi < s.times.length ? (s.times[s.hi] ?? Infinity) : Infinity)));
}

function featureRow(series: Sorted[], record: PatientRecord, end: number, options: WindowingOptions, counts: WindowCounts): number[] {
  const row: number[] = [];
  series.forEach((s, code) => {
    if (s.hi === s.lo) counts.missing[code] = (counts.missing[code] ?? 0) + 1;
    for (const kind of options.aggregates) row.push(aggregate(kind, s.times, s.values, s.lo, s.hi));
  });
  if (options.demographics) {
    row.push(record.birthTime === undefined ? Number.NaN : (end - record.birthTime) / YEAR_MS, record.female ? 1 : 0);
  }
  return row;
}

export function windowPatient(record: PatientRecord, options: WindowingOptions, table: FeatureTable, counts: WindowCounts): void {
  const series: Sorted[] = options.featureCodes.map((_, code) => ({ ...(record.series?.sorted(code) ?? empty()), lo: 0, hi: 0 }));
  const first = Math.min(...series.map((s) => s.times[0] ?? Infinity));
  const last = Math.max(...series.map((s) => s.times[s.times.length - 1] ?? -Infinity));
  if (!Number.isFinite(first)) return;
  const event = record.outcomeTimes.length > 0 ? Math.min(...record.outcomeTimes) : Infinity;
  const [windowMs, strideMs, horizonMs] = [options.windowHours, options.strideHours, options.horizonHours].map((h) => h * HOUR_MS) as [number, number, number];
  for (let k = 0, end = first + windowMs; end <= last && end < event; end = first + windowMs + ++k * strideMs) {
    const held = advance(series, end, windowMs);
    if (held === 0) {
      // Sparse records (yearly check-ups) would otherwise step through years of empty windows.
      k = Math.max(k, Math.ceil((nextTime(series) - first - windowMs) / strideMs) - 1);
      continue;
    }
    if (held < options.minValues) continue;
    const label = event > end && event <= end + horizonMs ? 1 : 0;
    table.addRow(featureRow(series, record, end, options, counts), label);
    counts.windows += 1;
    counts.positive += label;
  }
}

function empty(): { times: Float64Array; values: Float32Array } {
  return { times: new Float64Array(0), values: new Float32Array(0) };
}
