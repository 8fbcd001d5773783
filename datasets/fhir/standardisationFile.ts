// A site's own standardisation (its train split's column means and spreads) kept beside its run output: the global
// model learnt every site's rows in that site's own scale, so bedside inference at the site must use the very same
// numbers. They are computed and kept locally, never sent to the coordinator.
import { existsSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { MedflError } from '../../common/MedflError.ts';
import { readJsonFile } from '../../common/readJsonFile.ts';
import type { SiteSplit } from '../tabular.ts';

export const STANDARDISATION_FILE = 'standardisation.json';

const standardisationSchema = z
  .object({
    site: z.string().min(1),
    /** The plan (its hash) whose windowing and features made these columns. */
    planHash: z.string().regex(/^0x[0-9a-f]{64}$/),
    featureNames: z.array(z.string().min(1)).min(1),
    mean: z.array(z.number()),
    std: z.array(z.number().positive()),
    trainRows: z.number().int().nonnegative(),
  })
  .strict()
  .refine((value) => value.mean.length === value.featureNames.length && value.std.length === value.featureNames.length, {
    message: 'mean and std need one value per feature name',
  });

export type SiteStandardisation = z.infer<typeof standardisationSchema>;

/** What a site keeps of its split for `planHash`; undefined for data read without standardising (the UCI tables). */
export function splitStandardisation(site: string, planHash: string, split: SiteSplit): SiteStandardisation | undefined {
  if (!split.standardisation) return undefined;
  const { mean, std } = split.standardisation;
  return { site, planHash, featureNames: [...split.train.featureNames], mean: [...mean], std: [...std], trainRows: split.train.rows };
}

/** Writes `<outDir>/standardisation.json` whole (temp name, then rename). */
export function writeStandardisation(outDir: string, value: SiteStandardisation): string {
  const file = join(outDir, STANDARDISATION_FILE);
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(value, null, 2)}\n`);
  renameSync(temporary, file);
  return file;
}

/** Reads a standardisation file, or the one in a site's output folder. */
export function readStandardisation(path: string): SiteStandardisation {
  const file = existsSync(path) && statSync(path).isDirectory() ? join(path, STANDARDISATION_FILE) : path;
  if (!existsSync(file)) {
    throw new MedflError('FILE_NOT_FOUND', `no standardisation file at ${file}; a site writes ${STANDARDISATION_FILE} into its --out folder when it trains`);
  }
  return readJsonFile(file, standardisationSchema, 'standardisation file', { invalid: 'STANDARDISATION_INVALID', remedy: `it must be the ${STANDARDISATION_FILE} a site wrote when it trained` });
}
