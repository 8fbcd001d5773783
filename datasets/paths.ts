// Where the shared real data sets live (read in place, never copied): ../shared/datasets beside the checkout.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** For `node --import TYPESCRIPT_LOADER script.ts`: runs medfl's TypeScript as bin/medfl.js does, from any folder. */
export const TYPESCRIPT_LOADER = join(REPO_ROOT, 'bin', 'loadTypeScript.js');

/** The shared data-set folder; MEDFL_DATASETS overrides it. */
export function sharedDatasetsDir(): string {
  return process.env.MEDFL_DATASETS ?? join(REPO_ROOT, '..', 'shared', 'datasets');
}

export function sharedDataset(name: 'uci-heart-disease' | 'synthea-fhir-r4'): string {
  return join(sharedDatasetsDir(), name);
}

export function hasSharedDataset(name: 'uci-heart-disease' | 'synthea-fhir-r4'): boolean {
  return existsSync(sharedDataset(name));
}
