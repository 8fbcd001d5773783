import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sharedDataset } from '../../../datasets/paths.ts';
import { loadUciHeart, loadUciHeartPooledTrain } from '../../../datasets/uci/loadUciHeart.ts';
import { UCI_CENTRES, UCI_FEATURES } from '../../../datasets/uci/uciHeartLayout.ts';

const source = sharedDataset('uci-heart-disease');
const scratch = mkdtempSync(join(tmpdir(), 'medfl-uci-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A scratch copy of the four files (outside the repository), with `edit` applied to one of them. */
function copyWith(name: string, file: string, edit: (text: string) => string | null): string {
  const dir = join(scratch, name);
  mkdirSync(dir);
  for (const centre of UCI_CENTRES) {
    if (centre.file !== file) copyFileSync(join(source, centre.file), join(dir, centre.file));
  }
  const edited = edit(readFileSync(join(source, file), 'latin1'));
  if (edited !== null) writeFileSync(join(dir, file), edited);
  return dir;
}

const column = (features: Float32Array, width: number, j: number) => Array.from({ length: features.length / width }, (_, i) => features[i * width + j] ?? 0);
const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

describe('loadUciHeart', () => {
  const sites = loadUciHeart();

  it('gives FLamby’s four centres with their train/test sizes and 13 features', () => {
    expect(sites.map((site) => [site.site, site.train.rows, site.test.rows])).toEqual([
      ['cleveland', 199, 104],
      ['hungary', 172, 89],
      ['switzerland', 30, 16],
      ['va', 85, 45],
    ]);
    expect(UCI_FEATURES).toEqual(['age', 'sex', 'trestbps', 'chol', 'fbs', 'thalach', 'exang', 'oldpeak', 'cp_2', 'cp_3', 'cp_4', 'restecg_1', 'restecg_2']);
    for (const site of sites) expect(site.train.features).toHaveLength(site.train.rows * 13);
  });

  it('labels num > 0 as disease, with each centre’s own prevalence', () => {
    const positives = sites.map((site) => [site.train.labels, site.test.labels].map((labels) => labels.reduce((a, b) => a + b, 0)));
    expect(positives).toEqual([[91, 48], [65, 33], [30, 15], [66, 35]]);
  });

  it('standardises each centre with its own train mean and std (constant columns become 0)', () => {
    for (const site of sites) {
      for (let j = 0; j < 13; j += 1) {
        const values = column(site.train.features, 13, j);
        const m = mean(values);
        const sd = Math.sqrt(values.reduce((sum, v) => sum + (v - m) ** 2, 0) / (values.length - 1));
        expect(Math.abs(m)).toBeLessThan(1e-5);
        expect(sd === 0 || Math.abs(sd - 1) < 1e-5).toBe(true);
      }
    }
    const swissChol = column(sites[2]?.train.features ?? new Float32Array(), 13, 3);
    expect(swissChol.every((v) => v === 0)).toBe(true);
  });

  it('pooled training set (FLamby pooled=True): every centre’s train rows, standardised with pooled statistics', () => {
    const pooled = loadUciHeartPooledTrain();
    expect(pooled.rows).toBe(199 + 172 + 30 + 85);
    expect(pooled.labels.reduce((a, b) => a + b, 0)).toBe(91 + 65 + 30 + 66);
    for (let j = 0; j < 13; j += 1) {
      const values = column(pooled.features, 13, j);
      expect(Math.abs(mean(values))).toBeLessThan(1e-5);
    }
    const chol = column(pooled.features, 13, 3);
    expect(chol.some((v) => v !== 0)).toBe(true);
  });

  it('says which file is missing', () => {
    const dir = copyWith('missing', 'processed.va.data', () => null);
    expect(() => loadUciHeart(dir)).toThrow(
      expect.objectContaining({ code: 'DATASET_NOT_FOUND', message: `UCI Heart Disease file processed.va.data is missing: ${join(dir, 'processed.va.data')} does not exist` }),
    );
  });

  it('names file and line of a malformed row', () => {
    const dir = copyWith('malformed', 'processed.hungarian.data', (text) => text.replace('29,1,2,120,243,0,0,160,0,0,?,?,?,0', '29,1,2,120,2x3,0,0,160,0,0,?,?,?,0'));
    expect(() => loadUciHeart(dir)).toThrow(
      expect.objectContaining({ code: 'DATASET_MALFORMED', message: `${join(dir, 'processed.hungarian.data')}:2: column chol holds "2x3", which is neither a number nor ?` }),
    );
    const short = copyWith('short', 'processed.switzerland.data', (text) => text.replace('32,1,1,95,0,?,0,127,0,.7,1,?,?,1', '32,1,1,95'));
    expect(() => loadUciHeart(short)).toThrow(expect.objectContaining({ message: `${join(short, 'processed.switzerland.data')}:1: expected 14 comma-separated values, found 4` }));
  });

  it('refuses a file whose rows do not add up to FLamby’s centre', () => {
    const dir = copyWith('cut', 'processed.cleveland.data', (text) => text.split('\n').slice(10).join('\n'));
    expect(() => loadUciHeart(dir)).toThrow(expect.objectContaining({ code: 'DATASET_MALFORMED', message: expect.stringContaining("has 293 complete rows, but FLamby's cleveland centre has 303") }));
  });

  it('refuses a category level the encoding does not know', () => {
    const dir = copyWith('level', 'processed.va.data', (text) => text.replace(/^63,1,4,/, '63,1,7,'));
    expect(() => loadUciHeart(dir)).toThrow(expect.objectContaining({ code: 'DATASET_MALFORMED', message: `${join(dir, 'processed.va.data')}:1: cp is 7, not one of 1, 2, 3, 4` }));
  });
});
