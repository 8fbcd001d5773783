// `medfl participants`: its untrusted inputs are refused in one line each; hosting sites through a whole run is what
// the soak (test/experiments/benchmarks/soak/runSoak.test.ts) exercises.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/runCli.ts';

const dir = mkdtempSync(join(tmpdir(), 'medfl-participants-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const LEDGER = '0x5FbDB2315678afecb367f032d93F642f64180aa3';

describe('medfl participants', () => {
  it('refuses a fault drill file that is not a list of faults, in one line with its code', async () => {
    const faults = join(dir, 'faults.json');
    writeFileSync(faults, JSON.stringify([{ round: 1, kind: 'meteor', site: 'hospital-1', delayMs: 10 }]));
    const run = await runCli(['participants', '--kits', join(dir, 'kit'), '--data', 'uci-heart', '--ledger', LEDGER, '--faults', faults]);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(new RegExp(`FAULTS_INVALID.*fault drill file ${faults} is invalid: .*kind`));
  });

  it('refuses a kit folder that does not exist before starting any site', async () => {
    const run = await runCli(['participants', '--kits', join(dir, 'no-kit'), '--data', 'uci-heart', '--ledger', LEDGER]);
    expect(run.code).not.toBe(0);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain(join(dir, 'no-kit'));
  });
});
