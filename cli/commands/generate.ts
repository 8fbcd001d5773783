// `medfl generate`: writes a synthetic IoMT consortium (one Bulk-Data NDJSON folder per hospital + manifest.json).
import type { Argv, CommandModule } from 'yargs';
import { DEFAULT_GENERATE, generateConsortium } from '../../datasets/synthetic/generateConsortium.ts';
import { action, table, type GlobalArgs } from '../output.ts';

interface GenerateArgs extends GlobalArgs {
  out: string;
  hospitals: number;
  patients: number;
  seed: number;
}

export const generateCommand: CommandModule<GlobalArgs, GenerateArgs> = {
  command: 'generate',
  describe: 'Generate synthetic hospitals (FHIR R4 NDJSON: Patient, Device, Encounter, Consent, Observation) that differ like real ones',
  builder: (yargs: Argv<GlobalArgs>) =>
    yargs
      .option('out', { type: 'string', demandOption: true, describe: 'Folder to write (one sub-folder per hospital)' })
      .option('hospitals', { type: 'number', default: DEFAULT_GENERATE.hospitals, describe: 'Number of hospitals' })
      .option('patients', { type: 'number', default: DEFAULT_GENERATE.patients, describe: 'Mean patients per hospital (sizes vary about fourfold)' })
      .option('seed', { type: 'number', default: DEFAULT_GENERATE.seed, describe: 'Seed; the same seed writes the same bytes' }) as Argv<GenerateArgs>,
  handler: action(async (args: GenerateArgs) => {
    const manifest = generateConsortium({ out: args.out, hospitals: args.hospitals, patients: args.patients, seed: args.seed });
    const rows = manifest.hospitals.map((h) => [h.site, h.patients, h.observations, h.deteriorating, h.consentDenied, String(h.profile.vendor), h.profile.samplingMinutes ?? '']);
    const text = `${table(['site', 'patients', 'observations', 'ICU admissions', 'consent denied', 'vendor', 'sampling min'], rows)}\n\nwritten to ${args.out}`;
    return { json: { out: args.out, manifest }, text };
  }),
};
