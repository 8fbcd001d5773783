// `medfl card` as a library call: verify a model as `medfl verify` does, refuse one that is not verified, and write
// its FHIR R4 Provenance and its model card (Markdown and JSON) into a new folder, all three or none.
import { chmodSync, existsSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Provenance } from 'fhir/r4.js';
import { readConsortiumFile } from '../../common/kit/readConsortiumFile.ts';
import { MedflError } from '../../common/MedflError.ts';
import { loadPlan } from '../../common/plan/loadPlan.ts';
import { checkTarget, writeStagedFolder } from '../../common/stagedFolder.ts';
import { verifyModel, type VerifyOptions } from '../../contracts/lineage/verifyModel.ts';
import { readSiteMetrics, type SiteMetricsLine } from '../everySiteMetrics.ts';
import { buildModelCard } from './buildModelCard.ts';
import type { ModelCard } from './ModelCard.ts';
import { modelCardMarkdown } from './modelCardMarkdown.ts';
import { provenanceResource } from './provenanceResource.ts';
import { validateFhirResource } from './validateFhirResource.ts';

export const CARD_FILES = { provenance: 'provenance.json', markdown: 'model-card.md', json: 'model-card.json' } as const;

export interface CardOptions extends VerifyOptions {
  /** A new (or empty) folder for the three files. */
  readonly outDir: string;
  /** Sites' folders (or their metrics.jsonl): their recorded test metrics of this model go on the card. */
  readonly metricsPaths?: readonly string[];
}

export interface WrittenCard {
  readonly outDir: string;
  readonly files: Record<keyof typeof CARD_FILES, string>;
  readonly card: ModelCard;
  readonly provenance: Provenance;
  /** The FHIR validator's non-fatal issues (best-practice warnings); errors stop the card instead. */
  readonly fhirWarnings: string[];
}

/** The folder holding each path's metrics.jsonl; FILE_NOT_FOUND when there is none. */
function metricsFolder(path: string): string {
  const folder = existsSync(path) && statSync(path).isFile() && basename(path) === 'metrics.jsonl' ? dirname(path) : path;
  if (!existsSync(join(folder, 'metrics.jsonl'))) throw new MedflError('FILE_NOT_FOUND', `--metrics ${path}: no metrics.jsonl there; name a site's folder or its metrics.jsonl`);
  return folder;
}

function readMetricsLines(paths: readonly string[]): SiteMetricsLine[] {
  const folders = paths.map(metricsFolder);
  return [...readSiteMetrics(Object.fromEntries(folders.map((folder) => [folder, folder]))).values()].flat();
}

const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

/**
 * MODEL_NOT_VERIFIED (with verify's problems) for a model whose lineage or checks fail, and verifyModel's errors for
 * one the ledger does not hold; FHIR_RESOURCE_INVALID if the Provenance would not validate. Nothing is written then.
 */
export async function writeModelCard(modelDir: string, options: CardOptions): Promise<WrittenCard> {
  // Files first: a wrong path or a taken --out fails before any network call.
  checkTarget(options.outDir, '--out');
  const metricsLines = readMetricsLines(options.metricsPaths ?? []);
  const plan = options.planFile === undefined ? undefined : loadPlan(options.planFile);
  const consortium = options.consortiumFile === undefined ? undefined : readConsortiumFile(options.consortiumFile).consortium;
  const verification = await verifyModel(modelDir, options);
  if (!verification.verified) {
    const { modelHash, problems } = verification;
    throw new MedflError('MODEL_NOT_VERIFIED', `model ${modelHash} is not verified, so no card was written: ${problems.join('; ')}`, { details: { modelHash, problems } });
  }
  const card = buildModelCard({ verification, ...(plan ? { plan } : {}), ...(consortium ? { consortium } : {}), metricsLines });
  const provenance = provenanceResource(card);
  const fhirWarnings = validateFhirResource(provenance);
  const outDir = await writeStagedFolder(options.outDir, '--out', async (staging) => {
    // The staging folder is private (it also stages kits); a card is meant to be read by others.
    chmodSync(staging, 0o755);
    writeFileSync(join(staging, CARD_FILES.provenance), json(provenance));
    writeFileSync(join(staging, CARD_FILES.json), json(card));
    writeFileSync(join(staging, CARD_FILES.markdown), modelCardMarkdown(card));
    return options.outDir;
  });
  const files = { provenance: join(outDir, CARD_FILES.provenance), markdown: join(outDir, CARD_FILES.markdown), json: join(outDir, CARD_FILES.json) };
  return { outDir, files, card, provenance, fhirWarnings };
}
