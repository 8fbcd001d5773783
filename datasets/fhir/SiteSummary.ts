// What a site's FHIR import found, used and left out (and why): a plain JSON object for the contribution record.

/** One problem in the input, located precisely (`line` is 1-based; bundle entries give the entry index instead). */
export interface ImportIssue {
  readonly file: string;
  readonly line: number;
  readonly code: 'FHIR_MALFORMED' | 'FHIR_UNKNOWN_UNIT' | 'FHIR_MISSING_REFERENCE' | 'CSV_MALFORMED' | 'HL7_MALFORMED';
  readonly message: string;
}

export type Counts = Record<string, number>;

export interface SiteSummary {
  site: string;
  /** The folder or file imported. */
  source: string;
  files: number;
  /** Resources read, per resourceType. */
  resources: Counts;
  patients: { found: number; used: number; excluded: Counts };
  observations: { read: number; vitalSigns: number; used: number; excluded: Counts };
  /** Vital-sign Observations per LOINC code (an Observation with two codings of one vital counts once). */
  observationsByCode: Counts;
  /** Usable values read per feature code, before patients are excluded (a BP panel gives a systolic and a diastolic). */
  valuesByCode: Counts;
  /** Values converted or re-labelled to the canonical unit, keyed `code from->to`. */
  unitsNormalised: Counts;
  /** Values left out because their unit is unknown for their code, keyed `code unit`. */
  unknownUnits: Counts;
  /** Per feature code: share of windows without any value of that code. */
  missingness: Counts;
  windows: { total: number; positive: number; train: number; test: number };
  /** Share of windows whose label is 1. */
  labelRate: number;
  /** Lines or entries that could not be used as FHIR resources, CSV rows or HL7 segments and messages. */
  malformed: number;
  /** The first issues found, in reading order; `issuesTotal` counts all of them. */
  issues: ImportIssue[];
  issuesTotal: number;
}
