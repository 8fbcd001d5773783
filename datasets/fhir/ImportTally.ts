// The running counts of one site import; becomes the counting part of its SiteSummary.
import type { Counts, ImportIssue } from './SiteSummary.ts';

const ISSUES_KEPT = 50;
const MALFORMED = new Set<ImportIssue['code']>(['FHIR_MALFORMED', 'CSV_MALFORMED', 'HL7_MALFORMED']);

export class ImportTally {
  readonly resources: Counts = {};
  readonly patientsExcluded: Counts = {};
  readonly observationsExcluded: Counts = {};
  readonly observationsByCode: Counts = {};
  readonly valuesByCode: Counts = {};
  readonly unitsNormalised: Counts = {};
  readonly unknownUnits: Counts = {};
  readonly issues: ImportIssue[] = [];
  files = 0;
  observations = 0;
  vitalSigns = 0;
  malformed = 0;
  issuesTotal = 0;

  issue(file: string, line: number, code: ImportIssue['code'], message: string): void {
    this.issuesTotal += 1;
    if (MALFORMED.has(code)) this.malformed += 1;
    if (this.issues.length < ISSUES_KEPT) this.issues.push({ file, line, code, message });
  }
}

/** Adds `n` to `counts[key]`. */
export function bump(counts: Counts, key: string, n = 1): void {
  counts[key] = (counts[key] ?? 0) + n;
}
