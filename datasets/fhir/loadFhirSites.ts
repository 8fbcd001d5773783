// The one entry point from FHIR data to training data: a generated consortium folder (manifest.json, one SiteSplit
// per hospital), a folder of site folders, or a single FHIR folder/file (one SiteSplit), each with its SiteSummary.
import { siteFolders } from '../siteFolders.ts';
import type { SiteSplit } from '../tabular.ts';
import { buildSite } from './buildSite.ts';
import { RESEARCH_PURPOSE } from './consentDenies.ts';
import { importFhirSite } from './importFhirSite.ts';
import type { SiteSummary } from './SiteSummary.ts';
import { DEFAULT_WINDOWING, featureIndex, type WindowingOptions } from './windowing.ts';

export interface FhirTabularOptions {
  /** Any subset of the windowing options (a plan's `dataset.windowing` as it is); the rest from DEFAULT_WINDOWING. */
  windowing?: Partial<WindowingOptions>;
  /** Consent purposes whose denial excludes a patient (v3-ActReason codes); default HRESRCH. */
  denyPurposes?: string[];
  /** Seed of the train/test split by patient. */
  seed?: number;
  /** Share of patients held out for testing at each site. */
  testFraction?: number;
  /** Only these sites, in this order (datasets/siteFolders.ts says where each one's folder is). */
  sites?: readonly string[];
}

export interface FhirSites {
  sites: SiteSplit[];
  summaries: SiteSummary[];
}

async function loadOne(site: string, path: string, options: FhirTabularOptions): Promise<{ split: SiteSplit; summary: SiteSummary }> {
  const windowing: WindowingOptions = { ...DEFAULT_WINDOWING, ...options.windowing };
  const settings = {
    featureCodes: featureIndex(windowing.featureCodes),
    extraUnits: windowing.extraUnits,
    denyPurposes: options.denyPurposes ?? [RESEARCH_PURPOSE],
    outcome: windowing.outcome,
  };
  const context = await importFhirSite(path, settings);
  return buildSite(site, path, context, windowing, { seed: options.seed ?? 7, testFraction: options.testFraction ?? 0.25 });
}

export async function loadFhirSites(path: string, options: FhirTabularOptions = {}): Promise<FhirSites> {
  const targets = siteFolders(path, options.sites);
  const sites: SiteSplit[] = [];
  const summaries: SiteSummary[] = [];
  for (const target of targets) {
    const { split, summary } = await loadOne(target.site, target.path, options);
    sites.push(split);
    summaries.push(summary);
  }
  return { sites, summaries };
}
