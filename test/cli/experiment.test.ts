import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/runCli.ts';

const dir = mkdtempSync(join(tmpdir(), 'medfl-cli-experiment-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('medfl experiment', () => {
  it('says in one line, with its code, that the file is missing', async () => {
    const run = await runCli(['experiment', join(dir, 'absent.json'), '--out', dir]);
    expect(run.code).toBe(3);
    expect(run.stderr.trim()).toBe(`medfl: FILE_NOT_FOUND: experiment file ${join(dir, 'absent.json')} does not exist`);
  });

  it('refuses a file that is not JSON, or names an unknown field with its path', async () => {
    writeFileSync(join(dir, 'broken.json'), '{');
    const broken = await runCli(['experiment', join(dir, 'broken.json'), '--out', dir]);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/^medfl: EXPERIMENT_NOT_JSON: experiment file .*broken\.json is not JSON: /);
    writeFileSync(join(dir, 'typo.json'), JSON.stringify({ plans: ['p.json'], data: 'uci-heart', seeds: [1], codecs: ['ckks'], strategies: [{ name: 'FedAvg', patch: {} }], rounds: 3 }));
    const typo = await runCli(['experiment', join(dir, 'typo.json'), '--out', dir]);
    expect(typo.code).toBe(2);
    expect(typo.stderr.trim()).toBe(`medfl: EXPERIMENT_INVALID: experiment file ${join(dir, 'typo.json')} is invalid: rounds: unknown field`);
  });

  it('--report-only needs the results of an earlier run', async () => {
    const smoke = join(import.meta.dirname, '..', '..', 'experiments', 'definitions', 'smoke.json');
    const run = await runCli(['experiment', smoke, '--out', dir, '--report-only']);
    expect(run.code).toBe(3);
    expect(run.stderr.trim()).toBe(`medfl: FILE_NOT_FOUND: results file ${join(dir, 'experiment-smoke.json')} does not exist; run the experiment first`);
  });
});
