// Turns a --dataset argument into site splits: 'uci-heart' (the shared UCI copy), or a folder on disk.
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { MedflError } from '../common/MedflError.ts';
import { loadFhirSites } from './fhir/loadFhirSites.ts';
import type { SiteSplit, TabularDataset } from './tabular.ts';
import { loadUciHeart, loadUciHeartPooledTrain } from './uci/loadUciHeart.ts';
import { UCI_CENTRES } from './uci/uciHeartLayout.ts';

export const UCI_HEART = 'uci-heart';

function isUciFolder(dir: string): boolean {
  return UCI_CENTRES.some((centre) => existsSync(join(dir, centre.file)));
}

/** `uci-heart`, or a folder holding FLamby's processed UCI files. */
export function isUciSpec(spec: string): boolean {
  if (spec === UCI_HEART) return true;
  const dir = resolve(spec);
  return existsSync(dir) && statSync(dir).isDirectory() && isUciFolder(dir);
}

/** Refuses a data set that is neither `uci-heart` nor an existing file or folder (a node checks before connecting). */
export function assertDatasetExists(spec: string): void {
  if (spec !== UCI_HEART && !existsSync(resolve(spec))) {
    throw new MedflError('DATASET_NOT_FOUND', `data set ${spec} does not exist; pass ${UCI_HEART} or a folder holding a site's data`);
  }
}

/**
 * `uci-heart` → FLamby's four UCI centres; a folder holding processed.*.data files → the same from there;
 * any other folder or file → a FHIR R4 export or a generated consortium (datasets/fhir/loadFhirSites.ts).
 */
export async function resolveDataset(spec: string): Promise<SiteSplit[]> {
  if (spec === UCI_HEART) return loadUciHeart();
  assertDatasetExists(spec);
  const dir = resolve(spec);
  if (isUciSpec(spec)) return loadUciHeart(dir);
  return (await loadFhirSites(dir)).sites;
}

/**
 * The training set of a centralised (pooled) baseline when the data set defines its own, as FLamby does for UCI
 * (pooled-train standardisation); undefined when the sites' training sets are simply stacked.
 */
export async function resolvePooledTrain(spec: string): Promise<TabularDataset | undefined> {
  if (spec === UCI_HEART) return loadUciHeartPooledTrain();
  return isUciSpec(spec) ? loadUciHeartPooledTrain(resolve(spec)) : undefined;
}
