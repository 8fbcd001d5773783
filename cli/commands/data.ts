// `medfl data inspect PATH [--plan FILE]`: what a site's data holds and what the import would use (FHIR folder,
// Bundle, generated consortium, folder of site folders, or the UCI heart data), as the plan reads it if given.
import type { Argv, CommandModule } from 'yargs';
import type { SiteSummary } from '../../datasets/fhir/SiteSummary.ts';
import { loadPlan } from '../../common/plan/loadPlan.ts';
import { exportLegacyFeed, FEED_FORMATS, type FeedFormat } from '../../datasets/feeds/exportLegacyFeed.ts';
import { inspectDataset, type DatasetInspection } from '../../datasets/fhir/inspectDataset.ts';
import { noOutcomeWarnings, type SiteLabelRate } from '../../datasets/noOutcomeWarnings.ts';
import { action, table, type GlobalArgs } from '../output.ts';
import { plural } from '../../common/plural.ts';

interface InspectArgs extends GlobalArgs {
  path: string;
  plan?: string;
}

interface ExportArgs extends GlobalArgs {
  site: string;
  format: FeedFormat;
  out: string;
}

const counts = (record: Record<string, number>) => Object.entries(record).map(([key, n]) => `${key}: ${n}`).join(', ') || 'none';

function fhirSiteText(summary: SiteSummary): string {
  const lines = [
    `${summary.site}  (${summary.source}, ${plural(summary.files, 'file')})`,
    `  patients: ${summary.patients.found} found, ${summary.patients.used} used; excluded ${counts(summary.patients.excluded)}`,
    `  observations: ${summary.observations.read} read, ${summary.observations.vitalSigns} vital signs, ${summary.observations.used} used; excluded ${counts(summary.observations.excluded)}`,
    `  vital-sign observations by LOINC: ${counts(summary.observationsByCode)}`,
    `  units normalised: ${counts(summary.unitsNormalised)}`,
    `  unknown units: ${counts(summary.unknownUnits)}`,
    `  windows: ${summary.windows.total} (${summary.windows.train} train, ${summary.windows.test} test), label rate ${summary.labelRate}`,
    `  missing per code (share of windows): ${counts(summary.missingness)}`,
    `  issues: ${summary.issuesTotal} (${summary.malformed} malformed)`,
    ...summary.issues.slice(0, 10).map((issue) => `    ${issue.file}:${issue.line} ${issue.code} ${issue.message}`),
  ];
  return lines.join('\n');
}

function inspectionText(inspection: DatasetInspection): string {
  if (inspection.kind === 'fhir') return inspection.sites.map(fhirSiteText).join('\n\n');
  const rows = inspection.sites.map((s) => [s.site, s.features, s.train.rows, s.train.labelRate, s.test.rows, s.test.labelRate]);
  return table(['site', 'features', 'train rows', 'train label rate', 'test rows', 'test label rate'], rows);
}

function labelRates(inspection: DatasetInspection): SiteLabelRate[] {
  if (inspection.kind === 'fhir') return inspection.sites.map((s) => ({ site: s.site, labelRate: s.labelRate }));
  return inspection.sites.map((s) => ({ site: s.site, labelRate: s.train.rows * s.train.labelRate + s.test.rows * s.test.labelRate }));
}

const inspectCommand: CommandModule<GlobalArgs, InspectArgs> = {
  command: 'inspect <path>',
  describe: 'Summarise a FHIR R4 export (NDJSON folder or Bundle), legacy CSV/HL7 v2 feeds, a generated consortium, or uci-heart',
  builder: (yargs: Argv<GlobalArgs>) =>
    yargs
      .positional('path', { type: 'string', demandOption: true, describe: 'Folder or file to inspect, or uci-heart' })
      .option('plan', { type: 'string', describe: "Read the data as this plan does (its windowing, outcome, consent purposes, seed and sites)" }),
  handler: action(async (args: InspectArgs) => {
    const inspection = await inspectDataset(args.path, args.plan === undefined ? undefined : loadPlan(args.plan));
    const warnings = noOutcomeWarnings(labelRates(inspection));
    for (const warning of warnings) process.stderr.write(`medfl: ${warning}\n`);
    return { json: { ...inspection, warnings }, text: inspectionText(inspection) };
  }),
};

const exportCommand: CommandModule<GlobalArgs, ExportArgs> = {
  command: 'export <site>',
  describe: "Write one site's FHIR export as legacy feeds (CSV long format, or HL7 v2 ORU^R01) that medfl reads back identically",
  builder: (yargs: Argv<GlobalArgs>) =>
    yargs
      .positional('site', { type: 'string', demandOption: true, describe: "The site's FHIR folder or file" })
      .option('format', { choices: FEED_FORMATS, demandOption: true, describe: 'csv: observations/patients/events/consents.csv; hl7: feed.hl7 and consents.csv' })
      .option('out', { type: 'string', demandOption: true, describe: 'New folder to write' }) as Argv<ExportArgs>,
  handler: action(async (args: ExportArgs) => {
    const written = await exportLegacyFeed(args.site, args.out, args.format);
    const messages = written.format === 'hl7' ? ` in ${plural(written.messages, 'ORU^R01 message')}` : '';
    const text = `wrote ${written.out}: ${plural(written.observations, 'observation value')}${messages}, ${plural(written.patients, 'patient')}, ${plural(written.events, 'event')}, ${plural(written.consents, 'consent')}`;
    return { json: written, text };
  }),
};

export const dataCommand: CommandModule<GlobalArgs, GlobalArgs> = {
  command: 'data <command>',
  describe: 'Inspect site data (FHIR R4, legacy CSV/HL7 v2 feeds, generated consortia, UCI) or export it as legacy feeds',
  builder: (yargs: Argv<GlobalArgs>) => yargs.command(inspectCommand).command(exportCommand).demandCommand(1),
  handler: () => undefined,
};
