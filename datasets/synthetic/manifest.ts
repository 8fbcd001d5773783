// manifest.json of a generated consortium: which folder is which hospital, and how the generator made them.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { readJsonFile } from '../../common/readJsonFile.ts';

export const MANIFEST_FILE = 'manifest.json';
export const MANIFEST_FORMAT = 'medfl-synthetic-iomt';

export interface HospitalEntry {
  site: string;
  /** Folder of the hospital's Bulk-Data NDJSON files, relative to the manifest. */
  folder: string;
  patients: number;
  observations: number;
  /** Patients with an ICU admission (the outcome event). */
  deteriorating: number;
  /** Patients whose Consent denies research use. */
  consentDenied: number;
  profile: Record<string, string | number>;
}

export interface ConsortiumManifest {
  format: typeof MANIFEST_FORMAT;
  version: 1;
  seed: number;
  hospitals: HospitalEntry[];
}

export function hasManifest(dir: string): boolean {
  return existsSync(join(dir, MANIFEST_FILE));
}

const manifestSchema = z
  .object({
    format: z.literal(MANIFEST_FORMAT),
    hospitals: z.array(z.object({ site: z.string().min(1), folder: z.string().min(1) }).passthrough()),
  })
  .passthrough();

/** Reads and checks `dir/manifest.json`. */
export function readManifest(dir: string): ConsortiumManifest {
  const remedy = `a medfl consortium manifest has format "${MANIFEST_FORMAT}" and hospitals[].site/folder`;
  const manifest = readJsonFile(join(dir, MANIFEST_FILE), manifestSchema, 'consortium manifest', { notJson: 'DATASET_MALFORMED', invalid: 'DATASET_MALFORMED', remedy });
  return manifest as unknown as ConsortiumManifest;
}
