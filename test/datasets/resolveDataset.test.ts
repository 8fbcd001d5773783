import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sharedDataset } from '../../datasets/paths.ts';
import { resolveDataset, resolvePooledTrain } from '../../datasets/resolveDataset.ts';

const scratch = mkdtempSync(join(tmpdir(), 'medfl-resolve-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('resolveDataset', () => {
  it('resolves uci-heart and a folder of UCI files to the four centres', async () => {
    const byName = await resolveDataset('uci-heart');
    const byFolder = await resolveDataset(sharedDataset('uci-heart-disease'));
    expect(byName.map((split) => split.site)).toEqual(['cleveland', 'hungary', 'switzerland', 'va']);
    expect(byFolder.map((split) => split.train.rows)).toEqual(byName.map((split) => split.train.rows));
  });

  it('gives FLamby’s pooled training set for UCI, and none for other data', async () => {
    expect((await resolvePooledTrain('uci-heart'))?.rows).toBe(486);
    expect((await resolvePooledTrain(sharedDataset('uci-heart-disease')))?.rows).toBe(486);
    expect(await resolvePooledTrain(scratch)).toBeUndefined();
  });

  it('says when the data set path does not exist', async () => {
    const missing = join(scratch, 'no-such-hospital');
    await expect(resolveDataset(missing)).rejects.toMatchObject({
      code: 'DATASET_NOT_FOUND',
      message: `data set ${missing} does not exist; pass uci-heart or a folder holding a site's data`,
    });
  });

  it('hands other folders to the FHIR loader, which refuses what is not FHIR', async () => {
    const file = join(scratch, 'notes.json');
    writeFileSync(file, '{"hello": "world"}');
    await expect(resolveDataset(file)).rejects.toMatchObject({ code: expect.stringMatching(/^(FHIR_NOT_FHIR|DATASET_MALFORMED|DATASET_UNSUPPORTED)$/) });
  });
});
