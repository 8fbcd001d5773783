// What `medfl data inspect` reports: the SiteSummary of each site of a FHIR export or generated consortium, or,
// for the tabular UCI data, the size and label rate of each centre's split.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { resolveDataset, UCI_HEART } from '../resolveDataset.ts';
import type { SiteSplit } from '../tabular.ts';
import { UCI_CENTRES } from '../uci/uciHeartLayout.ts';
import { loadFhirSites, type FhirTabularOptions } from './loadFhirSites.ts';
import type { SiteSummary } from './SiteSummary.ts';

export interface TabularSiteSummary {
  site: string;
  features: number;
  train: { rows: number; labelRate: number };
  test: { rows: number; labelRate: number };
}

export type DatasetInspection =
  | { kind: 'fhir'; path: string; sites: SiteSummary[] }
  | { kind: 'tabular'; path: string; sites: TabularSiteSummary[] };

const labelRate = (labels: Float32Array) => (labels.length ? Math.round((labels.reduce((s, y) => s + y, 0) / labels.length) * 10_000) / 10_000 : 0);

function tabularSummary(split: SiteSplit): TabularSiteSummary {
  return {
    site: split.site,
    features: split.train.featureNames.length,
    train: { rows: split.train.rows, labelRate: labelRate(split.train.labels) },
    test: { rows: split.test.rows, labelRate: labelRate(split.test.labels) },
  };
}

function isUci(path: string): boolean {
  return path === UCI_HEART || UCI_CENTRES.some((centre) => existsSync(join(path, centre.file)));
}

export async function inspectDataset(path: string, options: FhirTabularOptions = {}): Promise<DatasetInspection> {
  if (isUci(path)) return { kind: 'tabular', path, sites: (await resolveDataset(path)).map(tabularSummary) };
  return { kind: 'fhir', path, sites: (await loadFhirSites(path, options)).summaries };
}
