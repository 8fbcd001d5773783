// Reads one site's export (a folder of Bulk-Data NDJSON and/or Bundle JSON files, legacy CSV and HL7 v2 feeds, or one
// such file) into per-patient vital-sign series, counting everything it could not use.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import type { FhirResource } from 'fhir/r4.js';
import { MedflError } from '../../common/MedflError.ts';
import { readCsvFeed } from '../feeds/readCsvFeed.ts';
import { readHl7Feed } from '../feeds/readHl7Feed.ts';
import type { ImportContext, ImportSettings } from './ImportContext.ts';
import { ImportTally } from './ImportTally.ts';
import { readBundle } from './readBundle.ts';
import { readNdjson, type ResourceSink } from './readNdjson.ts';
import { readResource } from './readResource.ts';

/** What a site folder may hold: FHIR (Bulk-Data NDJSON, Bundle JSON) and legacy feeds (CSV long format, HL7 v2). */
const SITE_FILE = /\.(ndjson|json|csv|hl7)$/i;
const isSiteFile = (name: string) => SITE_FILE.test(name);

/** Site files under `dir`, depth first, in name order so every import reads them in the same order. */
function siteDataFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return siteDataFiles(path);
      return entry.isFile() && isSiteFile(entry.name) ? [path] : [];
    });
}

/** The files to read for `path`; a folder without any FHIR file, or a file of another kind, is refused. */
export function siteFiles(path: string): { root: string; files: string[] } {
  if (!existsSync(path)) throw new MedflError('DATASET_NOT_FOUND', `no such file or folder: ${path}`, { details: { path } });
  if (statSync(path).isFile()) {
    if (!isSiteFile(path)) throw new MedflError('DATASET_UNSUPPORTED', `${path}: expected a FHIR .ndjson or .json file, a .csv feed or an .hl7 feed`, { details: { path } });
    return { root: join(path, '..'), files: [path] };
  }
  const files = siteDataFiles(path);
  if (files.length === 0) {
    throw new MedflError('DATASET_UNSUPPORTED', `${path} holds no site data (FHIR *.ndjson Bulk Data or *.json Bundles, *.csv or *.hl7 feeds)`, { details: { path } });
  }
  return { root: path, files };
}

/** An import context with nothing read yet. */
export function newImportContext(settings: ImportSettings): ImportContext {
  return { settings, tally: new ImportTally(), patients: new Map() };
}

/** The sink that reads each resource into `context`, then tells `afterRead` (bedside inference notes what it used). */
export function contextSink(context: ImportContext, afterRead?: (resource: FhirResource) => void): ResourceSink {
  return (resource, file, line) => {
    try {
      readResource(resource, context, file, line);
    } catch (error) {
      // Only resourceType is checked before this: a field of the wrong JSON type surfaces here, as one bad resource.
      if (!(error instanceof TypeError)) throw error;
      context.tally.issue(file, line, 'FHIR_MALFORMED', `${resource.resourceType} ${String(resource.id ?? '')} has a field of the wrong type (${error.message})`);
      return;
    }
    afterRead?.(resource);
  };
}

/** Streams every file under `path` into `sink`, counting files in the context's tally. */
export async function readFhirFiles(path: string, context: ImportContext, sink: ResourceSink): Promise<void> {
  const { root, files } = siteFiles(path);
  for (const file of files) {
    const label = relative(root, file) || basename(file);
    context.tally.files += 1;
    const extension = file.slice(file.lastIndexOf('.') + 1).toLowerCase();
    if (extension === 'ndjson') await readNdjson(file, label, context.tally, sink);
    else if (extension === 'csv') await readCsvFeed(file, label, context, sink);
    else if (extension === 'hl7') await readHl7Feed(file, label, context, sink);
    else readBundle(file, label, context.tally, sink);
  }
}

/** Streams every file of the site into a fresh import context. */
export async function importFhirSite(path: string, settings: ImportSettings): Promise<ImportContext> {
  const context = newImportContext(settings);
  await readFhirFiles(path, context, contextSink(context));
  return context;
}
