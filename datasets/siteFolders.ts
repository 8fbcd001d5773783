// Which folder holds which site's FHIR data: a generated consortium (manifest.json), a folder with one sub-folder per
// site named by its id, or one site's own export.
import { existsSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { MedflError } from '../common/MedflError.ts';
import { hasManifest, readManifest } from './synthetic/manifest.ts';

export interface SiteFolder {
  readonly site: string;
  readonly path: string;
}

const isDirectory = (path: string) => existsSync(path) && statSync(path).isDirectory();

/** The error every loader gives for sites a data set does not hold, listing the ones it does. */
export function missingSites(spec: string, missing: readonly string[], held: readonly string[]): MedflError {
  const sites = `site${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`;
  return new MedflError('DATASET_NOT_FOUND', `${spec} has no data for ${sites} (it holds ${held.join(', ') || 'no site'})`, { details: { spec, missing, held } });
}

/** `available` narrowed to `wanted`, in the order of `wanted`; every wanted site must be there. */
function pick(spec: string, available: readonly SiteFolder[], wanted: readonly string[] | undefined): SiteFolder[] {
  if (wanted === undefined) return [...available];
  const missing = wanted.filter((site) => !available.some((folder) => folder.site === site));
  if (missing.length > 0) throw missingSites(spec, missing, available.map((folder) => folder.site));
  return wanted.map((site) => available.find((folder) => folder.site === site) as SiteFolder);
}

/** The site name of one site's own export: its folder's or file's name. */
export function singleSiteName(spec: string): string {
  return basename(resolve(spec)).replace(/\.(ndjson|json|csv|hl7)$/i, '');
}

/** True when `spec` is a generated consortium or holds a folder named after one of `sites`. */
export function holdsSiteFolders(spec: string, sites: readonly string[]): boolean {
  const root = resolve(spec);
  return hasManifest(root) || sites.some((site) => isDirectory(join(root, site)));
}

/**
 * The folder of each `wanted` site (every site when undefined) in `spec`: the manifest's hospitals; else `<spec>/<site>`
 * for each wanted site once any of them exists; else `spec` itself as the data of the one site asked for (named after
 * it, or after the file or folder when no site is named).
 */
export function siteFolders(spec: string, wanted?: readonly string[]): SiteFolder[] {
  const root = resolve(spec);
  if (hasManifest(root)) return pick(spec, readManifest(root).hospitals.map((h) => ({ site: h.site, path: join(root, h.folder) })), wanted);
  const perSite = (wanted ?? []).filter((site) => isDirectory(join(root, site)));
  if (perSite.length > 0) return pick(spec, perSite.map((site) => ({ site, path: join(root, site) })), wanted);
  if (wanted === undefined || wanted.length === 1) return [{ site: wanted?.[0] ?? singleSiteName(root), path: root }];
  throw new MedflError(
    'DATASET_NOT_FOUND',
    `${spec} has no folder for any of the sites ${wanted.join(', ')}: pass a folder with one sub-folder per site, a generated consortium, or one site's own export`,
    { details: { spec, wanted } },
  );
}
