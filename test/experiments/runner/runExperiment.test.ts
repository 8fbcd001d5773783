// End to end: the real `medfl experiment` CLI on the shipped smoke experiment (two UCI centres, 2 rounds, FedAvg
// under CKKS and plaintext, each centre alone), in a temp folder; then a resume, a report-only redraw, and an
// experiment whose cells fail.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../../datasets/paths.ts';
import { experimentResultsSchema } from '../../../experiments/runner/experimentResults.ts';

const dir = mkdtempSync(join(tmpdir(), 'medfl-experiment-e2e-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const smoke = join(REPO_ROOT, 'experiments', 'definitions', 'smoke.json');
const out = join(dir, 'out');

/** Asynchronous, so the test worker keeps answering vitest while a cell runs for minutes. */
function medfl(...args: string[]): Promise<{ status: number | null; json: Record<string, unknown>; stderr: string }> {
  const child = spawn(process.execPath, [join(REPO_ROOT, 'bin', 'medfl.js'), ...args, '--json'], { cwd: dir, env: { ...process.env, VITEST: '' } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  return new Promise((resolve) => {
    child.on('close', (status) => resolve({ status, json: JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as Record<string, unknown>, stderr }));
  });
}

const isPng = (file: string) => readFileSync(file).subarray(1, 4).toString() === 'PNG';

describe('medfl experiment (real runs)', () => {
  it('runs every cell as a child process and writes the results, the table and both plots', async () => {
    const run = await medfl('experiment', smoke, '--out', out);
    expect(run.status, run.stderr.slice(-2000)).toBe(0);
    expect(run.json).toMatchObject({ cells: 3, ran: 3, skipped: 0, failed: [] });
    const results = experimentResultsSchema.parse(JSON.parse(readFileSync(join(out, 'experiment-smoke.json'), 'utf8')));
    expect(results.records.map((r) => [r.arm, r.codec, r.status])).toEqual([
      ['FedAvg (ckks)', 'ckks', 'ok'],
      ['FedAvg (plaintext)', 'plaintext', 'ok'],
      ['Local cleveland', null, 'ok'],
      ['Local hungary', null, 'ok'],
    ]);
    const [ckks, plaintext] = results.records;
    expect(ckks).toMatchObject({ verified: true, runState: 'COMPLETED', seed: 42 });
    expect(Object.keys(ckks!.perSite).sort()).toEqual(['cleveland', 'hungary']);
    expect(ckks!.rounds.map((r) => r.round)).toEqual([1, 2]);
    expect(ckks!.means.accuracy).toBeCloseTo((ckks!.perSite.cleveland!.accuracy! + ckks!.perSite.hungary!.accuracy!) / 2, 12);
    expect(ckks!.planHash).not.toBe(plaintext!.planHash);
    expect(JSON.parse(readFileSync(ckks!.planFile, 'utf8'))).toMatchObject({ seed: 42, privacy: { encryption: 'ckks' } });
    expect(results.codecDifferences).toHaveLength(1);
    expect(results.codecDifferences[0]!.maxAbsWeightDifference).toBeLessThan(1e-5);
    const markdown = readFileSync(join(out, 'experiment-smoke.md'), 'utf8');
    expect(markdown).toContain(`| FedAvg (ckks) | ${ckks!.means.accuracy!.toFixed(3)} | ${ckks!.means.auroc!.toFixed(3)} | ${ckks!.means.auprc!.toFixed(3)} | 1 |`);
    expect(markdown).toContain('| Local hungary |');
    expect(isPng(join(out, 'experiment-smoke.png')) && isPng(join(out, 'experiment-smoke-rounds.png'))).toBe(true);
  }, 900_000);

  it('resumes: a second run skips every finished cell; --report-only redraws the table and plots from the JSON', async () => {
    const before = readFileSync(join(out, 'experiment-smoke.json'), 'utf8');
    const again = await medfl('experiment', smoke, '--out', out);
    expect(again.json).toMatchObject({ cells: 3, ran: 0, skipped: 3 });
    expect(readFileSync(join(out, 'experiment-smoke.json'), 'utf8')).toBe(before);
    rmSync(join(out, 'experiment-smoke.md'));
    rmSync(join(out, 'experiment-smoke-rounds.png'));
    const report = await medfl('experiment', smoke, '--out', out, '--report-only');
    expect(report.status).toBe(0);
    expect(readFileSync(join(out, 'experiment-smoke.md'), 'utf8')).toContain('| FedAvg (plaintext) |');
    expect(existsSync(join(out, 'experiment-smoke-rounds.png'))).toBe(true);
  }, 300_000);

  it('records a failing child with its own error code and last stderr line, runs the other cells and exits non-zero', async () => {
    mkdirSync(join(dir, 'empty'));
    const training = { optimizer: 'adam', learningRate: 0.001, batchSize: 4, epochs: 1 };
    const file = join(dir, 'broken.json');
    writeFileSync(file, JSON.stringify({ plans: [join(REPO_ROOT, 'plans', 'uci-heart-smoke.json')], data: 'empty', seeds: [1], codecs: ['plaintext'], strategies: [{ name: 'FedAvg', patch: {} }], baselines: { pooled: { training } } }));
    const run = await medfl('experiment', file, '--out', out);
    expect(run.status).toBe(4);
    expect(run.json).toMatchObject({ cells: 2, ran: 2, failed: [{ cell: 'fedavg-plaintext-s1', code: 'DATASET_UNSUPPORTED' }, { cell: 'baseline-pooled-s1', code: 'DATASET_UNSUPPORTED' }] });
    const results = experimentResultsSchema.parse(JSON.parse(readFileSync(join(out, 'experiment-broken.json'), 'utf8')));
    expect(results.records[0]!.error!.lastStderrLine).toMatch(/^medfl: DATASET_UNSUPPORTED: plan uci-heart-smoke reads the UCI heart data/);
    // Off a terminal, progress is a JSON log line as each cell starts and ends, however quickly they follow.
    const progress = run.stderr.split('\n').filter((line) => line.includes('"component":"progress"')).map((line) => JSON.parse(line) as { cell?: string; status?: string });
    expect(progress.filter((line) => line.cell).map((line) => `${line.cell} ${line.status}`)).toEqual(['fedavg-plaintext-s1 running', 'fedavg-plaintext-s1 failed', 'baseline-pooled-s1 running', 'baseline-pooled-s1 failed']);
  }, 300_000);

  it('refuses a strategy patch the plan format does not know before any cell starts', async () => {
    const file = join(dir, 'typo.json');
    writeFileSync(file, JSON.stringify({ plans: [join(REPO_ROOT, 'plans', 'uci-heart-smoke.json')], data: 'uci-heart', seeds: [1], codecs: ['plaintext'], strategies: [{ name: 'FedAvg', patch: { strategy: { name: 'fedavg', serverLr: 1 } } }] }));
    const run = await medfl('experiment', file, '--out', out);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('medfl: PLAN_INVALID: ');
    expect(run.stderr).toContain('strategy.serverLr: unknown field');
    expect(existsSync(join(out, 'experiment-typo.json'))).toBe(false);
  });
});
