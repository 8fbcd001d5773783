import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFhirSites } from '../../../datasets/fhir/loadFhirSites.ts';
import { hasSharedDataset, sharedDataset } from '../../../datasets/paths.ts';
import { generateConsortium } from '../../../datasets/synthetic/generateConsortium.ts';

describe.skipIf(!hasSharedDataset('synthea-fhir-r4'))('loadFhirSites on the shared Synthea R4 bundles', () => {
  it('finds the vital signs PROVENANCE.md counts, each Observation once, in canonical units', async () => {
    const { sites, summaries } = await loadFhirSites(sharedDataset('synthea-fhir-r4'));
    expect(sites).toHaveLength(1);
    const summary = summaries[0];
    expect(summary?.patients).toEqual({ found: 8, used: 8, excluded: {} });
    expect(summary?.observations).toMatchObject({ read: 1538, vitalSigns: 298, used: 298 });
    expect(summary?.observationsByCode).toEqual({ '8867-4': 85, '9279-1': 85, '85354-9': 120, '8310-5': 5, '59408-5': 3 });
    expect(summary?.valuesByCode).toMatchObject({ '8480-6': 120, '8462-4': 120 });
    expect(summary?.unitsNormalised).toEqual({});
    expect(summary?.unknownUnits).toEqual({});
    expect(summary?.issuesTotal).toBe(0);
    expect(summary?.labelRate).toBe(0);
  });
});

describe.skipIf(!hasSharedDataset('synthea-fhir-r4'))('loadFhirSites on one Synthea Bundle file', () => {
  it('reads the single transaction Bundle as one site named after the file', async () => {
    const file = join(sharedDataset('synthea-fhir-r4'), 'patients', 'Alvin56_Jerde200_53917de0-aa0c-0700-105a-4f7f893c62f6.json');
    const { sites, summaries } = await loadFhirSites(file);
    expect(sites.map((s) => s.site)).toEqual(['Alvin56_Jerde200_53917de0-aa0c-0700-105a-4f7f893c62f6']);
    expect(summaries[0]?.observationsByCode).toEqual({ '8867-4': 12, '9279-1': 12, '85354-9': 12, '8310-5': 2, '59408-5': 1 });
  });
});

describe('loadFhirSites on a generated consortium', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'medfl-load-'));
    generateConsortium({ out: dir, hospitals: 3, patients: 40, seed: 11 });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('gives one split per hospital, in manifest order, with the summary counting its rows', async () => {
    const { sites, summaries } = await loadFhirSites(dir);
    expect(sites.map((s) => s.site)).toEqual(['hospital-1', 'hospital-2', 'hospital-3']);
    sites.forEach((site, i) => {
      expect(site.train.rows).toBeGreaterThan(0);
      expect(site.test.rows).toBeGreaterThan(0);
      expect(summaries[i]?.windows.train).toBe(site.train.rows);
      expect(summaries[i]?.windows.test).toBe(site.test.rows);
      expect(site.train.features).toHaveLength(site.train.rows * site.train.featureNames.length);
    });
    expect(sites[0]?.train.featureNames.slice(0, 2)).toEqual(['heartRate.last', 'heartRate.mean']);
    expect(sites[0]?.train.featureNames.slice(-2)).toEqual(['age', 'female']);
  });

  it('standardises with the training split: every train column has mean 0 and no missing value', async () => {
    const { sites } = await loadFhirSites(dir);
    const train = sites[0]?.train;
    if (!train) throw new Error('no site');
    const width = train.featureNames.length;
    for (let c = 0; c < width; c++) {
      let sum = 0;
      for (let r = 0; r < train.rows; r++) sum += train.features[r * width + c] ?? Number.NaN;
      expect(Math.abs(sum / train.rows)).toBeLessThan(1e-3);
    }
    expect(train.features.some(Number.isNaN)).toBe(false);
  });

  it('is deterministic for a seed, and another seed splits differently', async () => {
    const a = await loadFhirSites(dir, { seed: 3 });
    const b = await loadFhirSites(dir, { seed: 3 });
    const c = await loadFhirSites(dir, { seed: 4 });
    expect(a.sites[1]?.train.features).toEqual(b.sites[1]?.train.features);
    expect(a.sites[1]?.test.rows).not.toBe(c.sites[1]?.test.rows);
  });

  it('takes part of the windowing options, as a plan gives them, and the rest from the defaults', async () => {
    const { sites } = await loadFhirSites(dir, { windowing: { featureCodes: ['8867-4'], aggregates: ['last'], demographics: false }, sites: ['hospital-1'] });
    expect(sites[0]?.train.featureNames).toEqual(['heartRate.last']);
  });

  it('loads only the named hospitals, and names the ones that do not exist', async () => {
    const { sites } = await loadFhirSites(dir, { sites: ['hospital-2'] });
    expect(sites.map((s) => s.site)).toEqual(['hospital-2']);
    await expect(loadFhirSites(dir, { sites: ['hospital-9'] })).rejects.toMatchObject({
      code: 'DATASET_NOT_FOUND',
      message: `${dir} has no data for site hospital-9 (it holds hospital-1, hospital-2, hospital-3)`,
    });
  });
});
