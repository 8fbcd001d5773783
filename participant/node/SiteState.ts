// A site's durable view of its run in --out: the last committed global model, strategy state, provenance, metrics,
// and the coordinator's signed receipts for this site's updates.
import { appendFileSync, existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { Hash32 } from '../../common/canonicalJson.ts';
import { readJsonFile } from '../../common/readJsonFile.ts';
import type { ModelArtifact } from '../../common/model/ModelArtifact.ts';
import { isModelDir, readModelDir, writeModelDir } from '../../common/model/modelDir.ts';
import type { StrategyState } from '../../common/strategies/Strategy.ts';
import { writeContributionsManifest, type RoundManifest } from '../../common/wire/contributionsManifest.ts';
import { hash32 } from '../../common/wire/hash32.ts';
import type { SignedUpdateReceipt } from '../../common/wire/updateReceipt.ts';
import { signedReceiptSchema } from '../../common/wire/wireSchemas.ts';

export const MODEL_SUBDIR = 'model';

export interface SiteProgress {
  readonly runId: string;
  readonly round: number;
  readonly modelHash: Hash32;
  readonly strategyState: StrategyState;
}

const progressFileSchema = z.object({
  runId: z.string(),
  round: z.number().int().nonnegative(),
  modelHash: hash32,
  strategyState: z.object({ step: z.number().int().nonnegative(), moments: z.record(z.string(), z.string()) }),
});

type ProgressFile = z.infer<typeof progressFileSchema>;

/** The coordinator's receipt for this site's update, with the example count the signed envelope carried. */
export interface HeldReceipt {
  readonly receipt: SignedUpdateReceipt;
  readonly examples: number;
}

const heldReceiptSchema = z.object({ receipt: signedReceiptSchema, examples: z.number().int().positive() });

const receiptFile = (outDir: string, round: number, attempt: number) => join(outDir, 'receipts', `round-${round}-attempt-${attempt}.json`);

function writeJson(file: string, value: unknown): void {
  writeFileSync(`${file}.tmp`, `${JSON.stringify(value, null, 2)}\n`);
  renameSync(`${file}.tmp`, file);
}

export class SiteState {
  constructor(readonly outDir: string) {
    mkdirSync(outDir, { recursive: true });
  }

  get modelDir(): string {
    return join(this.outDir, MODEL_SUBDIR);
  }

  /** The committed model and progress, if this out dir has followed a run before. */
  load(): { model: ModelArtifact; progress: SiteProgress } | undefined {
    const file = join(this.outDir, 'state.json');
    if (!existsSync(file) || !isModelDir(this.modelDir)) return undefined;
    const raw: ProgressFile = readJsonFile(file, progressFileSchema, 'site progress file', { remedy: 'delete it to start the site from the genesis model' });
    const moments = Object.fromEntries(
      Object.entries(raw.strategyState.moments).map(([key, value]) => [key, new Float32Array(new Uint8Array(Buffer.from(value, 'base64')).buffer)]),
    );
    return { model: readModelDir(this.modelDir), progress: { ...raw, strategyState: { step: raw.strategyState.step, moments } } };
  }

  /** Writes the newly committed model first, then the progress that points at it, then provenance and metrics. */
  saveCommitted(model: ModelArtifact, progress: SiteProgress, provenance: object, metricsLine: object): void {
    writeModelDir(this.modelDir, model);
    const moments = Object.fromEntries(
      Object.entries(progress.strategyState.moments).map(([key, value]) => [key, Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64')]),
    );
    writeJson(join(this.outDir, 'state.json'), { ...progress, strategyState: { step: progress.strategyState.step, moments } });
    writeJson(join(this.modelDir, 'provenance.json'), provenance);
    appendFileSync(join(this.outDir, 'metrics.jsonl'), `${JSON.stringify(metricsLine)}\n`);
  }

  /**
   * `<out>/receipts/round-R-attempt-A.json`, written atomically before the node moves on: it survives a restart
   * mid-round, and it is the evidence that the coordinator took this update should the aggregate leave it out.
   */
  saveReceipt(held: HeldReceipt): string {
    const file = receiptFile(this.outDir, held.receipt.round, held.receipt.attempt);
    mkdirSync(join(this.outDir, 'receipts'), { recursive: true });
    writeJson(file, held);
    return file;
  }

  /** The receipt this site holds for `runId`'s round and attempt; one left by another run in this out dir is not it. */
  heldReceipt(runId: string, round: number, attempt: number): HeldReceipt | undefined {
    const file = receiptFile(this.outDir, round, attempt);
    if (!existsSync(file)) return undefined;
    const held = readJsonFile(file, heldReceiptSchema, 'update receipt', { invalid: 'RECEIPT_INVALID' });
    return held.receipt.runId === runId ? held : undefined;
  }

  /** `<out>/contributions/round-N.json`, the manifest a site operator hands to a reviewer. */
  saveContributions(manifest: RoundManifest): string {
    return writeContributionsManifest(this.outDir, manifest);
  }
}
