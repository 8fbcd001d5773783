// `medfl run`'s orchestration failing fast, with real processes: a chain, a coordinator and site nodes on loopback.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runLocalConsortium } from '../../consortium/runLocalConsortium.ts';
import { writeUciPlan } from '../e2e/uciPlan.ts';

const dir = mkdtempSync(join(tmpdir(), 'medfl-local-run-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('runLocalConsortium', () => {
  it('refuses a plan naming a site the data does not hold, before it starts or writes anything', async () => {
    const planFile = writeUciPlan(dir, 'no-data', { sites: ['cleveland', 'nowhere'], rounds: 1, encryption: 'plaintext' });
    const workDir = join(dir, 'no-data-run');
    await expect(runLocalConsortium({ planFile, data: 'uci-heart', workDir })).rejects.toMatchObject({
      code: 'DATASET_NOT_FOUND',
      message: 'uci-heart has no data for site nowhere (it holds cleveland, hungary, switzerland, va)',
    });
    expect(existsSync(workDir)).toBe(false);
  });

  it('stops at once with a site\'s own error when the site exits, instead of waiting out the round deadline', async () => {
    // 12 of the data's 13 features: every site refuses its first round; the deadline (300 s x 3 attempts) never matters.
    const planFile = writeUciPlan(dir, 'wrong-width', { sites: ['cleveland', 'hungary'], rounds: 2, encryption: 'plaintext', features: 12 });
    const started = Date.now();
    await expect(runLocalConsortium({ planFile, data: 'uci-heart', workDir: join(dir, 'wrong-width-run') })).rejects.toMatchObject({
      code: 'DATASET_UNSUPPORTED',
      message: expect.stringMatching(/^(cleveland|hungary): the model takes 12 features but the data set has 13$/),
    });
    expect(Date.now() - started).toBeLessThan(240_000);
  }, 300_000);
});
