// From an imported site to its training data: consent and reference checks per patient, windows, a seeded
// train/test split by patient, train-split standardisation, and the SiteSummary.
import type { SiteSplit, TabularDataset } from '../tabular.ts';
import { Random } from '../synthetic/Random.ts';
import { FeatureTable } from './FeatureTable.ts';
import type { ImportContext } from './ImportContext.ts';
import { bump } from './ImportTally.ts';
import { featureLabel } from './loincVitals.ts';
import type { PatientRecord } from './PatientRecord.ts';
import { applyStandardisation, columnStats } from './standardise.ts';
import { summarise } from './summarise.ts';
import type { SiteSummary } from './SiteSummary.ts';
import { featureNames, type WindowingOptions } from './windowing.ts';
import { windowPatient, type WindowCounts } from './windowPatient.ts';

export interface SplitOptions {
  seed: number;
  testFraction: number;
}

/** Why a patient's data is left out, or undefined when it is used. */
function exclusion(record: PatientRecord): string | undefined {
  if (!record.found) return 'noPatientResource';
  if (record.consentDenied) return 'consentDenied';
  if (record.observationsUsed === 0) return 'noVitalSigns';
  return undefined;
}

function windowAll(context: ImportContext, windowing: WindowingOptions, table: FeatureTable, counts: WindowCounts): PatientRecord[] {
  const { tally } = context;
  const used: PatientRecord[] = [];
  const ids = [...context.patients.keys()].sort();
  for (const id of ids) {
    const record = context.patients.get(id) as PatientRecord;
    const rowsBefore = table.rows;
    let reason = exclusion(record);
    if (reason === undefined) {
      windowPatient(record, used.length, windowing, table, counts);
      if (table.rows === rowsBefore) reason = 'noWindows';
    }
    if (reason === undefined) {
      used.push(record);
      continue;
    }
    if (reason === 'noPatientResource' && record.firstReference) {
      const { file, line } = record.firstReference;
      tally.issue(file, line, 'FHIR_MISSING_REFERENCE', `reference to Patient ${id}, which is not in the export`);
    }
    if (reason !== 'noPatientResource' || record.observationsUsed > 0) bump(tally.patientsExcluded, reason);
    if (record.observationsUsed > 0) bump(tally.observationsExcluded, reason, record.observationsUsed);
  }
  return used;
}

/**
 * Patients held out for testing: `testFraction` of those with a positive window and of the others separately,
 * so a small site's test split still holds positives (and AUROC is defined there).
 */
function testPatients(table: FeatureTable, patients: number, split: SplitOptions): Set<number> {
  const positive = new Set(table.patientOfRow.filter((_, row) => table.labels[row] === 1));
  const random = new Random(split.seed);
  const chosen = [true, false].flatMap((wantPositive) => {
    const group = [...Array(patients).keys()].filter((patient) => positive.has(patient) === wantPositive);
    const count = group.length < 2 ? 0 : Math.min(group.length - 1, Math.max(1, Math.round(split.testFraction * group.length)));
    return random.shuffle(group).slice(0, count);
  });
  return new Set(chosen);
}

function subset(table: FeatureTable, names: string[], keep: (patient: number) => boolean): TabularDataset {
  const rows = [...Array(table.rows).keys()].filter((row) => keep(table.patientOfRow[row] ?? -1));
  const features = new Float32Array(rows.length * table.width);
  rows.forEach((row, i) => features.set(table.row(row), i * table.width));
  return { featureNames: names, features, labels: Float32Array.from(rows, (row) => table.labels[row] ?? 0), rows: rows.length };
}

export function buildSite(site: string, source: string, context: ImportContext, windowing: WindowingOptions, split: SplitOptions): { split: SiteSplit; summary: SiteSummary } {
  const names = featureNames(windowing, featureLabel);
  const table = new FeatureTable(names.length);
  const counts: WindowCounts = { windows: 0, positive: 0, missing: windowing.featureCodes.map(() => 0) };
  const used = windowAll(context, windowing, table, counts);
  const isTest = testPatients(table, used.length, split);
  const train = subset(table, names, (patient) => !isTest.has(patient));
  const test = subset(table, names, (patient) => isTest.has(patient));
  const stats = columnStats(train.features, names.length);
  applyStandardisation(train.features, names.length, stats);
  applyStandardisation(test.features, names.length, stats);
  const summary = summarise({ site, source, context, windowing, counts, usedPatients: used, trainRows: train.rows, testRows: test.rows });
  return { split: { site, train, test }, summary };
}
