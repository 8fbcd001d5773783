// `medfl data export`: one site's FHIR export written as legacy feeds, so a hospital's interface team can see what
// medfl expects and every feed is checked against the FHIR import (the same features from either).
// CSV: observations.csv, patients.csv, events.csv, consents.csv. HL7: feed.hl7 (ORU^R01) and consents.csv, since an
// ORU message carries no consent.
import { basename, join, resolve } from 'node:path';
import type { FhirResource } from 'fhir/r4.js';
import { MedflError } from '../../common/MedflError.ts';
import { writeStagedFolder } from '../../common/stagedFolder.ts';
import { CsvFeedWriter } from './CsvFeedWriter.ts';
import { forEachFhirResource } from './forEachFhirResource.ts';
import { Hl7FeedWriter } from './Hl7FeedWriter.ts';

export const FEED_FORMATS = ['csv', 'hl7'] as const;
export type FeedFormat = (typeof FEED_FORMATS)[number];

export interface FeedExport {
  format: FeedFormat;
  out: string;
  /** Observation values written (a blood-pressure panel gives two). */
  observations: number;
  patients: number;
  events: number;
  consents: number;
  /** HL7 messages written (none for CSV). */
  messages: number;
}

/** Routes a resource to the writer's method for its type; other types (Device, ...) have no place in a feed. */
function route(resource: FhirResource, writer: CsvFeedWriter | Hl7FeedWriter, consents: CsvFeedWriter): void {
  if (resource.resourceType === 'Observation') writer.observation(resource);
  else if (resource.resourceType === 'Encounter') writer.encounter(resource);
  else if (resource.resourceType === 'Consent') consents.consent(resource);
}

async function writeFeed(site: string, staging: string, format: FeedFormat): Promise<Omit<FeedExport, 'format' | 'out'>> {
  const csv = new CsvFeedWriter(staging, format === 'csv' ? ['observations', 'patients', 'events', 'consents'] : ['consents']);
  const hl7 = format === 'hl7' ? new Hl7FeedWriter(join(staging, 'feed.hl7'), basename(resolve(site))) : undefined;
  const writer = hl7 ?? csv;
  let patients = 0;
  try {
    // Patients first: an HL7 message carries its patient's demographics, and Patient.ndjson sorts after Observation.ndjson.
    await forEachFhirResource(site, (resource) => {
      if (resource.resourceType !== 'Patient') return;
      patients += 1;
      writer.patient(resource);
    });
    await forEachFhirResource(site, (resource) => route(resource, writer, csv));
  } finally {
    csv.close();
    hl7?.close();
  }
  const observations = hl7?.observations ?? csv.rows.observations;
  // An export of nothing (a folder of feeds, a kit) would look like success; the staging folder is dropped instead.
  if (patients === 0 && observations === 0) {
    throw new MedflError('DATASET_UNSUPPORTED', `${site} holds no FHIR Patient or Observation (.ndjson or Bundle .json); data export converts a FHIR site, and .csv/.hl7 files are feeds already`);
  }
  return { observations, patients, events: hl7?.events ?? csv.rows.events, consents: csv.rows.consents, messages: hl7?.messages ?? 0 };
}

/** Writes site `site`'s FHIR data (a folder or file) as `format` feeds into the new folder `out`, all or nothing. */
export async function exportLegacyFeed(site: string, out: string, format: FeedFormat): Promise<FeedExport> {
  const counts = await writeStagedFolder(out, '--out', (staging) => writeFeed(site, staging, format));
  return { format, out, ...counts };
}
