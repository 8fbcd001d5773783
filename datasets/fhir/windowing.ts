// How per-patient vital-sign series become training rows: window, horizon, feature codes, aggregates, outcome.
// A plain JSON-able object so a plan's `dataset.windowing` section can carry it unchanged.

export const AGGREGATES = ['last', 'mean', 'min', 'max', 'slope', 'std'] as const;
export type Aggregate = (typeof AGGREGATES)[number];

export interface WindowingOptions {
  /** Length of the look-back window ending at the prediction time. */
  windowHours: number;
  /** The label is 1 when the outcome event falls within this many hours after the prediction time. */
  horizonHours: number;
  /** Prediction times are spaced this far apart within a patient's record. */
  strideHours: number;
  /** Windows holding fewer observed values than this (all codes together) are skipped. */
  minValues: number;
  /** LOINC codes used as features (canonical codes; aliases such as 2708-6 map onto 59408-5). */
  featureCodes: string[];
  /** UCUM unit for each feature code that is not a built-in vital (values in any other unit are counted, not used). */
  extraUnits: Record<string, string>;
  aggregates: Aggregate[];
  /** Add the patient's age (years) and sex (1 female, 0 otherwise) as features. */
  demographics: boolean;
  /** The outcome event: an Encounter whose `type` carries this coding; it starts at `period.start`. */
  outcome: { system: string; code: string };
}

/** ICU admission (SNOMED CT 305351004), the deterioration outcome the synthetic generator writes. */
export const ICU_ADMISSION = { system: 'http://snomed.info/sct', code: '305351004' } as const;

export const DEFAULT_WINDOWING: WindowingOptions = {
  windowHours: 8,
  horizonHours: 6,
  strideHours: 2,
  minValues: 3,
  featureCodes: ['8867-4', '9279-1', '59408-5', '8480-6', '8462-4', '8310-5'],
  extraUnits: {},
  aggregates: ['last', 'mean', 'min', 'max', 'slope'],
  demographics: true,
  outcome: { ...ICU_ADMISSION },
};

/** Each feature code with its index in `featureCodes` (the first, should a plan list a code twice). */
export function featureIndex(featureCodes: readonly string[]): Map<string, number> {
  const index = new Map<string, number>();
  featureCodes.forEach((code, i) => {
    if (!index.has(code)) index.set(code, i);
  });
  return index;
}

/** Column names of the feature table, in order: `<vital>.<aggregate>` per code, then demographics. */
export function featureNames(options: WindowingOptions, label: (code: string) => string): string[] {
  const names = options.featureCodes.flatMap((code) => options.aggregates.map((agg) => `${label(code)}.${agg}`));
  return options.demographics ? [...names, 'age', 'female'] : names;
}
