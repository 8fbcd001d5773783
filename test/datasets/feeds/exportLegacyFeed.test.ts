// The converter test: a generated consortium's FHIR sites written as CSV and as HL7 v2 feeds, read back, give the
// very same feature tables (every float, every label, the same train/test patients) as the FHIR import.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportLegacyFeed, type FeedFormat } from '../../../datasets/feeds/exportLegacyFeed.ts';
import { loadFhirSites, type FhirSites } from '../../../datasets/fhir/loadFhirSites.ts';
import { generateConsortium } from '../../../datasets/synthetic/generateConsortium.ts';
import type { ConsortiumManifest } from '../../../datasets/synthetic/manifest.ts';
import { hasSharedDataset, sharedDataset } from '../../../datasets/paths.ts';

const root = mkdtempSync(join(tmpdir(), 'medfl-feeds-'));
let manifest: ConsortiumManifest;
let fhir: FhirSites;
const sites = () => manifest.hospitals.map((hospital) => hospital.site);

beforeAll(async () => {
  // Three hospitals: one of each device vendor, so BP panels and kPa, °F, {beats}/min and SpO2 as 2708-6 all occur.
  manifest = generateConsortium({ out: join(root, 'fhir'), hospitals: 3, patients: 24, seed: 2 });
  fhir = await loadFhirSites(join(root, 'fhir'));
}, 60_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function exportAll(format: FeedFormat): Promise<FhirSites> {
  for (const hospital of manifest.hospitals) await exportLegacyFeed(join(root, 'fhir', hospital.folder), join(root, format, hospital.site), format);
  return loadFhirSites(join(root, format), { sites: sites() });
}

describe.each(['csv', 'hl7'] as const)('%s feeds exported from FHIR', (format) => {
  let feeds: FhirSites;
  beforeAll(async () => {
    feeds = await exportAll(format);
  }, 60_000);

  it('give the same feature tables as the FHIR import, bit for bit', () => {
    expect(feeds.sites.map((s) => s.site)).toEqual(sites());
    feeds.sites.forEach((split, i) => {
      const expected = fhir.sites[i];
      expect(split.train.featureNames).toEqual(expected?.train.featureNames);
      expect(split.train.rows).toBeGreaterThan(0);
      for (const part of ['train', 'test'] as const) {
        expect(split[part].rows).toBe(expected?.[part].rows);
        expect(Buffer.from(split[part].features.buffer).equals(Buffer.from(expected?.[part].features.buffer ?? new ArrayBuffer(0)))).toBe(true);
        expect(Array.from(split[part].labels)).toEqual(Array.from(expected?.[part].labels ?? []));
      }
    });
  });

  it('and the same summary of what was used and left out, with no issues', () => {
    feeds.summaries.forEach((summary, i) => {
      const expected = fhir.summaries[i];
      expect(summary.patients).toEqual(expected?.patients);
      expect(summary.windows).toEqual(expected?.windows);
      expect(summary.valuesByCode).toEqual(expected?.valuesByCode);
      expect(summary.unitsNormalised).toEqual(expected?.unitsNormalised);
      expect(summary.missingness).toEqual(expected?.missingness);
      expect(summary.issuesTotal).toBe(0);
    });
    expect(Object.keys(Object.assign({}, ...feeds.summaries.map((s) => s.unitsNormalised)))).toEqual(
      expect.arrayContaining(['8480-6 kPa->mm[Hg]', '8310-5 [degF]->Cel', '8867-4 {beats}/min->/min']),
    );
    expect(fhir.summaries.every((s) => (s.patients.excluded.consentDenied ?? 0) > 0)).toBe(true);
    expect(fhir.summaries.some((s) => s.windows.positive > 0)).toBe(true);
  });
});

describe.skipIf(!hasSharedDataset('synthea-fhir-r4'))('the shared Synthea bundles (real FHIR transaction bundles, urn:uuid references)', () => {
  it.each(['csv', 'hl7'] as const)('as %s feeds give the same features and no issues', async (format) => {
    const source = sharedDataset('synthea-fhir-r4');
    const [expected] = (await loadFhirSites(source)).sites;
    await exportLegacyFeed(source, join(root, `synthea-${format}`), format);
    const { sites: [split], summaries: [summary] } = await loadFhirSites(join(root, `synthea-${format}`));
    expect(summary?.patients).toEqual({ found: 8, used: 8, excluded: {} });
    expect(summary?.valuesByCode).toEqual({ '8462-4': 120, '8480-6': 120, '8867-4': 85, '9279-1': 85, '59408-5': 3, '8310-5': 5 });
    expect(summary?.issuesTotal).toBe(0);
    expect(Buffer.from(split?.train.features.buffer ?? new ArrayBuffer(0)).equals(Buffer.from(expected?.train.features.buffer ?? new ArrayBuffer(1)))).toBe(true);
    expect(Array.from(split?.test.labels ?? [])).toEqual(Array.from(expected?.test.labels ?? []));
  });
});

describe('the exported files', () => {
  it('CSV: the four kinds with their headers; HL7: ORU^R01 messages with CR segment ends, and consents as CSV', () => {
    const site = manifest.hospitals[0]?.site ?? '';
    expect(readdirSync(join(root, 'csv', site)).sort()).toEqual(['consents.csv', 'events.csv', 'observations.csv', 'patients.csv']);
    expect(readFileSync(join(root, 'csv', site, 'observations.csv'), 'utf8').split('\n')[0]).toBe('patient,time,loinc,value,unit');
    expect(readdirSync(join(root, 'hl7', site)).sort()).toEqual(['consents.csv', 'feed.hl7']);
    const hl7 = readFileSync(join(root, 'hl7', site, 'feed.hl7'), 'utf8');
    expect(hl7.startsWith('MSH|^~\\&|MEDFL|')).toBe(true);
    expect(hl7).not.toContain('\n');
    expect(hl7.split('\r').filter((segment) => segment.startsWith('OBX|')).length).toBeGreaterThan(100);
  });

  it('an existing non-empty --out is refused and left as it was; nothing half-written stays behind', async () => {
    const site = join(root, 'fhir', manifest.hospitals[0]?.folder ?? '');
    await expect(exportLegacyFeed(site, join(root, 'csv'), 'csv')).rejects.toMatchObject({ code: 'USAGE' });
    await expect(exportLegacyFeed(join(root, 'missing'), join(root, 'out-missing'), 'hl7')).rejects.toMatchObject({ code: 'DATASET_NOT_FOUND' });
    expect(existsSync(join(root, 'out-missing'))).toBe(false);
    expect(readdirSync(root).filter((name) => name.includes('partial'))).toEqual([]);
  });

  it('a site with no FHIR resources (feeds already) is refused with DATASET_UNSUPPORTED and no --out folder', async () => {
    const feedSite = join(root, 'feed-site');
    await exportLegacyFeed(join(root, 'fhir', manifest.hospitals[0]?.folder ?? ''), feedSite, 'csv');
    await expect(exportLegacyFeed(feedSite, join(root, 'out-of-feeds'), 'hl7')).rejects.toMatchObject({
      code: 'DATASET_UNSUPPORTED',
      message: `${feedSite} holds no FHIR Patient or Observation (.ndjson or Bundle .json); data export converts a FHIR site, and .csv/.hl7 files are feeds already`,
    });
    expect(existsSync(join(root, 'out-of-feeds'))).toBe(false);
  });
});
