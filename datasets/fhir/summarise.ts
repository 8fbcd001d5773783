// Assembles the SiteSummary of one import from its tally and window counts.
import type { ImportContext } from './ImportContext.ts';
import type { PatientRecord } from './PatientRecord.ts';
import type { SiteSummary } from './SiteSummary.ts';
import type { WindowingOptions } from './windowing.ts';
import type { WindowCounts } from './windowPatient.ts';

export interface SummaryInput {
  site: string;
  source: string;
  context: ImportContext;
  windowing: WindowingOptions;
  counts: WindowCounts;
  usedPatients: PatientRecord[];
  trainRows: number;
  testRows: number;
}

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

export function summarise(input: SummaryInput): SiteSummary {
  const { tally } = input.context;
  const { counts } = input;
  const found = [...input.context.patients.values()].filter((record) => record.found).length;
  const missingness = Object.fromEntries(
    input.windowing.featureCodes.map((code, i) => [code, counts.windows ? round4((counts.missing[i] ?? 0) / counts.windows) : 1]),
  );
  return {
    site: input.site,
    source: input.source,
    files: tally.files,
    resources: tally.resources,
    patients: { found, used: input.usedPatients.length, excluded: tally.patientsExcluded },
    observations: {
      read: tally.observations,
      vitalSigns: tally.vitalSigns,
      used: input.usedPatients.reduce((sum, record) => sum + record.observationsUsed, 0),
      excluded: tally.observationsExcluded,
    },
    observationsByCode: tally.observationsByCode,
    valuesByCode: tally.valuesByCode,
    unitsNormalised: tally.unitsNormalised,
    unknownUnits: tally.unknownUnits,
    missingness,
    windows: { total: counts.windows, positive: counts.positive, train: input.trainRows, test: input.testRows },
    labelRate: counts.windows ? round4(counts.positive / counts.windows) : 0,
    malformed: tally.malformed,
    issues: tally.issues,
    issuesTotal: tally.issuesTotal,
  };
}
