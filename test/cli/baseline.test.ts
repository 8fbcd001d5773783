import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/runCli.ts';
import { writeUciPlan } from '../e2e/uciPlan.ts';
import { BASE_WINDOWING, HR_FEATURES, smallFhirPlan, writeSmallFhir } from '../datasets/helpers/smallFhir.ts';

const dir = mkdtempSync(join(tmpdir(), 'medfl-cli-baseline-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('medfl baseline', () => {
  it('--mode pooled --json: per-centre, Avg4 and pooled-test accuracy and AUROC', async () => {
    const run = await runCli(['baseline', '--dataset', 'uci-heart', '--mode', 'pooled', '--seeds', '42', '--epochs', '3', '--json']);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.sites).toEqual(['cleveland', 'hungary', 'switzerland', 'va']);
    expect(report.rows).toHaveLength(1);
    const [row] = report.rows;
    expect(row.trainedOn).toBe('pooled');
    const perSite = report.sites.map((site: string) => row.sites[site].accuracy.mean);
    expect(row.average.accuracy.mean).toBeCloseTo(perSite.reduce((a: number, b: number) => a + b, 0) / 4, 12);
    expect(row.average.accuracy.mean).toBeGreaterThan(0.6);
    expect(row.pooled.auroc.mean).toBeGreaterThan(0.7);
    expect(report.pooledStandardisation).toBe('pooled-train');
    expect(report.request.training).toEqual({ optimizer: 'adam', learningRate: 0.001, batchSize: 4, localEpochs: 3 });
  });

  it('--mode local prints one row per training centre', async () => {
    const run = await runCli(['baseline', '--mode', 'local', '--seeds', '1', '--epochs', '1']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('test accuracy (%), mean ± std over seeds');
    expect(run.stdout).toMatch(/trained on\s+cleveland\s+hungary\s+switzerland\s+va\s+Avg4\s+pooled test/);
    for (const centre of ['cleveland', 'hungary', 'switzerland', 'va']) expect(run.stdout).toMatch(new RegExp(`\\n${centre}\\s+\\d+\\.\\d ± 0\\.0`));
  });

  it('a missing data set path: DATASET_NOT_FOUND, exit 3, no stack trace', async () => {
    const missing = join(tmpdir(), 'medfl-no-such-hospital-export');
    const run = await runCli(['baseline', '--dataset', missing]);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain(`medfl: DATASET_NOT_FOUND: data set ${missing} does not exist`);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('bad seeds are a usage error', async () => {
    const run = await runCli(['baseline', '--seeds', '1,x', '--json']);
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stdout).error.code).toBe('USAGE');
  });

  it('--plan --data: the plan\'s sites from folders without a manifest, and a warning for a site without outcomes', async () => {
    const data = writeSmallFhir(join(dir, 'small'));
    const planFile = join(dir, 'plan.json');
    writeFileSync(planFile, JSON.stringify(smallFhirPlan({ windowing: { ...BASE_WINDOWING, outcome: { system: 'http://snomed.info/sct', code: '999' } } }, HR_FEATURES)));
    const run = await runCli(['baseline', '--plan', planFile, '--data', data, '--mode', 'local', '--seeds', '1', '--epochs', '1', '--json']);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as { sites: string[]; warnings: string[]; labelRates: unknown[] };
    expect(report.sites).toEqual(['site-a', 'site-b']);
    expect(report.labelRates).toEqual([{ site: 'site-a', labelRate: 0 }, { site: 'site-b', labelRate: 0 }]);
    expect(report.warnings).toHaveLength(2);
    expect(run.stderr).toContain("medfl: warning: site-b has no outcomes (label rate 0); check the plan's outcome coding, window and horizon\n");
  });

  it('--plan on UCI pools only the plan\'s centres, so not with FLamby\'s four-centre pooled set', async () => {
    const planFile = writeUciPlan(dir, 'three-centres', { sites: ['cleveland', 'hungary', 'va'], rounds: 1, encryption: 'plaintext' });
    const run = await runCli(['baseline', '--plan', planFile, '--mode', 'pooled', '--seeds', '1', '--epochs', '1', '--json']);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as { sites: string[]; pooledStandardisation: string; request: { model: unknown } };
    expect(report.sites).toEqual(['cleveland', 'hungary', 'va']);
    expect(report.pooledStandardisation).toBe('per-site');
    // The plan's own model (uci-heart-fedavg's), unless --model says otherwise.
    expect(report.request.model).toEqual(JSON.parse(readFileSync(planFile, 'utf8')).model);
  });
});
