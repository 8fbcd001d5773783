// `medfl data inspect PATH [--plan FILE]`: what a site's data holds and what the import would use (FHIR folder,
// Bundle, generated consortium, folder of site folders, or the UCI heart data), as the plan reads it if given.
// `medfl data export` writes a site as legacy feeds; `medfl data standardisation` rebuilds a site's feature scale.
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

interface StandardisationArgs extends GlobalArgs {
  data: string;
  plan: string;
  site: string;
  out: string;
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

const standardisationCommand: CommandModule<GlobalArgs, StandardisationArgs> = {
  command: 'standardisation <data>',
  describe: "Rebuild a site's standardisation.json (its train split's feature scale, for predict/serve) for a node that trained before nodes kept one",
  builder: (yargs: Argv<GlobalArgs>) =>
    yargs
      .positional('data', { type: 'string', demandOption: true, describe: "The site's data, as `medfl participant --data` took them" })
      .option('plan', { type: 'string', demandOption: true, describe: 'The plan of the run the model came from' })
      .option('site', { type: 'string', demandOption: true, describe: "The site's id in the plan" })
      .option('out', { type: 'string', demandOption: true, describe: "The site's participant --out folder; it must not hold a standardisation.json yet" }) as Argv<StandardisationArgs>,
  handler: action(async (args: StandardisationArgs) => {
    const { rebuildStandardisation } = await import('../../datasets/fhir/rebuildStandardisation.ts');
    const { file, standardisation } = await rebuildStandardisation({ planFile: args.plan, data: args.data, site: args.site, outDir: args.out });
    return {
      json: { event: 'written', file, ...standardisation },
      text: `wrote ${file}: ${plural(standardisation.featureNames.length, 'feature')} over ${plural(standardisation.trainRows, 'training row')} of site ${standardisation.site}; use it only if the data are as they were when the site trained`,
    };
  }),
};

export const dataCommand: CommandModule<GlobalArgs, GlobalArgs> = {
  command: 'data <command>',
  describe: "Inspect site data (FHIR R4, legacy CSV/HL7 v2 feeds, generated consortia, UCI), export it as legacy feeds, or rebuild a site's standardisation",
  builder: (yargs: Argv<GlobalArgs>) => yargs.command(inspectCommand).command(exportCommand).command(standardisationCommand).demandCommand(1),
  handler: () => undefined,
};
