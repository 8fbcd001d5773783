// What `medfl data inspect` reports: the SiteSummary of each site of a FHIR export or generated consortium, or,
// for the tabular UCI data, the size and label rate of each centre's split; read as a plan would read them, if given.
import { isUciSpec, resolveDataset } from '../resolveDataset.ts';
import type { SiteSplit } from '../tabular.ts';
import { loadPlanSites, type DataPlan } from '../loadPlanData.ts';
import { holdsSiteFolders, singleSiteName } from '../siteFolders.ts';
import { loadFhirSites } from './loadFhirSites.ts';
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

/**
 * With a plan, the plan's sites as a run reads them (its windowing, consent purposes and seed); `path` may also be
 * one site's own export, inspected as that one site. Without a plan, every site with the default windowing.
 */
export async function inspectDataset(path: string, plan?: DataPlan): Promise<DatasetInspection> {
  const uci = isUciSpec(path);
  if (plan) {
    const sites = uci || holdsSiteFolders(path, plan.consortium.sites) ? undefined : [singleSiteName(path)];
    const { splits, summaries } = await loadPlanSites(plan, path, sites);
    return summaries ? { kind: 'fhir', path, sites: summaries } : { kind: 'tabular', path, sites: splits.map(tabularSummary) };
  }
  if (uci) return { kind: 'tabular', path, sites: (await resolveDataset(path)).map(tabularSummary) };
  return { kind: 'fhir', path, sites: (await loadFhirSites(path)).summaries };
}
