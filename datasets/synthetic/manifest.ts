// manifest.json of a generated consortium: which folder is which hospital, and how the generator made them.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MedflError } from '../../common/MedflError.ts';

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

/** Reads and checks `dir/manifest.json`. */
export function readManifest(dir: string): ConsortiumManifest {
  const path = join(dir, MANIFEST_FILE);
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new MedflError('DATASET_MALFORMED', `${path} is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
  const manifest = parsed as Partial<ConsortiumManifest>;
  const ok = manifest.format === MANIFEST_FORMAT && Array.isArray(manifest.hospitals) && manifest.hospitals.every((h) => typeof h?.site === 'string' && typeof h.folder === 'string');
  if (!ok) throw new MedflError('DATASET_MALFORMED', `${path} is not a medfl consortium manifest (format "${MANIFEST_FORMAT}" with hospitals[].site/folder)`);
  return manifest as ConsortiumManifest;
}
