// Every FHIR resource of a site's FHIR files (NDJSON and Bundles), in reading order: what the feed exporter reads.
import type { FhirResource } from 'fhir/r4.js';
import { basename, relative } from 'node:path';
import { ImportTally } from '../fhir/ImportTally.ts';
import { siteFiles } from '../fhir/importFhirSite.ts';
import { readBundle } from '../fhir/readBundle.ts';
import { readNdjson } from '../fhir/readNdjson.ts';

export async function forEachFhirResource(path: string, sink: (resource: FhirResource) => void): Promise<void> {
  const { root, files } = siteFiles(path);
  // The exporter copies what is there; unusable lines are the import's to report, so this tally is not kept.
  const tally = new ImportTally();
  for (const file of files) {
    const label = relative(root, file) || basename(file);
    const extension = file.slice(file.lastIndexOf('.') + 1).toLowerCase();
    if (extension === 'ndjson') await readNdjson(file, label, tally, sink);
    else if (extension === 'json') readBundle(file, label, tally, sink);
  }
}
