// From an imported site to its training data: consent and reference checks per patient, windows, a seeded
// train/test split by patient, train-split standardisation, and the SiteSummary.
import type { SiteSplit } from '../tabular.ts';
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

/** Records every excluded patient's reason (and a missing Patient's first reference); returns the others. */
function eligiblePatients(context: ImportContext): PatientRecord[] {
  const { tally } = context;
  const eligible: PatientRecord[] = [];
  for (const id of [...context.patients.keys()].sort()) {
    const record = context.patients.get(id) as PatientRecord;
    const reason = exclusion(record);
    if (reason === undefined) {
      eligible.push(record);
      continue;
    }
    if (reason === 'noPatientResource' && record.firstReference) {
      const { file, line } = record.firstReference;
      tally.issue(file, line, 'FHIR_MISSING_REFERENCE', `reference to Patient ${id}, which is not in the export`);
    }
    if (reason !== 'noPatientResource' || record.observationsUsed > 0) bump(tally.patientsExcluded, reason);
    if (record.observationsUsed > 0) bump(tally.observationsExcluded, reason, record.observationsUsed);
  }
  return eligible;
}

/**
 * Patients held out for testing: `testFraction` of those with an outcome event and of the others separately,
 * so a small site's test split still holds positives (and AUROC is defined there). Decided before windowing,
 * so rows go straight to their table.
 */
function testPatients(patients: PatientRecord[], split: SplitOptions): Set<PatientRecord> {
  const random = new Random(split.seed);
  const chosen = [true, false].flatMap((withEvent) => {
    const group = patients.filter((record) => record.outcomeTimes.length > 0 === withEvent);
    const count = group.length < 2 ? 0 : Math.min(group.length - 1, Math.max(1, Math.round(split.testFraction * group.length)));
    return random.shuffle(group).slice(0, count);
  });
  return new Set(chosen);
}

/** Windows each patient into its split's table, freeing its series as it goes; returns the patients used and the training ones' ids. */
function windowAll(context: ImportContext, windowing: WindowingOptions, tables: { train: FeatureTable; test: FeatureTable }, counts: WindowCounts, split: SplitOptions): { used: PatientRecord[]; trainPatients: string[] } {
  const eligible = eligiblePatients(context);
  const isTest = testPatients(eligible, split);
  const used: PatientRecord[] = [];
  const trainPatients: string[] = [];
  for (const record of eligible) {
    const table = isTest.has(record) ? tables.test : tables.train;
    const rowsBefore = table.rows;
    windowPatient(record, windowing, table, counts);
    record.series = undefined;
    if (table.rows > rowsBefore) {
      used.push(record);
      if (table === tables.train) trainPatients.push(record.id);
    } else {
      bump(context.tally.patientsExcluded, 'noWindows');
      bump(context.tally.observationsExcluded, 'noWindows', record.observationsUsed);
    }
  }
  return { used, trainPatients };
}

export function buildSite(site: string, source: string, context: ImportContext, windowing: WindowingOptions, split: SplitOptions): { split: SiteSplit; summary: SiteSummary } {
  const names = featureNames(windowing, featureLabel);
  const tables = { train: new FeatureTable(names.length), test: new FeatureTable(names.length) };
  const counts: WindowCounts = { windows: 0, positive: 0, missing: windowing.featureCodes.map(() => 0) };
  const { used, trainPatients } = windowAll(context, windowing, tables, counts, split);
  const train = tables.train.toDataset(names);
  const test = tables.test.toDataset(names);
  const stats = columnStats(train.features, names.length);
  applyStandardisation(train.features, names.length, stats);
  applyStandardisation(test.features, names.length, stats);
  const summary = summarise({ site, source, context, windowing, counts, usedPatients: used, trainRows: train.rows, testRows: test.rows });
  return { split: { site, train, test, standardisation: stats, trainPatients }, summary };
}
