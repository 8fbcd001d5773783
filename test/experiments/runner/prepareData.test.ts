import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { prepareData } from '../../../experiments/runner/prepareData.ts';

const dir = mkdtempSync(join(tmpdir(), 'medfl-prepare-data-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('prepareData', () => {
  it('passes uci-heart and an existing folder through, and refuses a missing folder', async () => {
    expect(await prepareData({ kind: 'uci-heart' }, dir)).toBe('uci-heart');
    expect(await prepareData({ kind: 'folder', path: dir }, dir)).toBe(dir);
    await expect(prepareData({ kind: 'folder', path: join(dir, 'absent') }, dir)).rejects.toMatchObject({ code: 'DATASET_NOT_FOUND', message: `the experiment's data folder ${join(dir, 'absent')} does not exist` });
  });

  it('has medfl generate write the synthetic consortium into the work folder once, over a partial earlier attempt', async () => {
    const work = join(dir, 'work');
    mkdirSync(join(work, 'data', 'hospital-1'), { recursive: true });
    writeFileSync(join(work, 'data', 'hospital-1', 'Patient.ndjson'), '');
    const data = await prepareData({ kind: 'generate', spec: { hospitals: 2, patients: 5, seed: 3 } }, work);
    expect(data).toBe(join(work, 'data'));
    expect(readdirSync(data).sort()).toEqual(['hospital-1', 'hospital-2', 'manifest.json']);
    rmSync(join(data, 'hospital-2'), { recursive: true });
    expect(await prepareData({ kind: 'generate', spec: { hospitals: 2, patients: 5, seed: 3 } }, work)).toBe(data);
    expect(existsSync(join(data, 'hospital-2'))).toBe(false); // kept as it was: a resume reads the same data
  });
});
