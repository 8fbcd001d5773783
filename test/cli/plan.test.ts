import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadPlan } from '../../common/plan/loadPlan.ts';
import { planHash } from '../../common/plan/planHash.ts';
import { REPO_ROOT } from '../../datasets/paths.ts';
import { approvedPrivacyBudget, isPlanApproved } from '../../common/kit/planApproval.ts';
import { provisionConsortium } from '../../provision/provisionConsortium.ts';
import { runCli } from '../helpers/runCli.ts';

const example = join(REPO_ROOT, 'plans', 'uci-heart-fedavg.json');
const scratch = mkdtempSync(join(tmpdir(), 'medfl-cli-plan-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function planFile(name: string, edit: (plan: Record<string, Record<string, unknown>>) => void): string {
  const plan = JSON.parse(readFileSync(example, 'utf8'));
  edit(plan);
  const file = join(scratch, name);
  writeFileSync(file, JSON.stringify(plan));
  return file;
}

describe('medfl plan', () => {
  it('validate --json reports the plan and its hash', async () => {
    const run = await runCli(['plan', 'validate', example, '--json']);
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result).toMatchObject({ valid: true, planHash: planHash(loadPlan(example)) });
    expect(result.plan.rounds).toBe(15);
  });

  it("validate shows the per-site example cap an operator approves, and the default for a plan without one", async () => {
    const run = await runCli(['plan', 'validate', example]);
    expect(run.stdout).toContain('consortium: cleveland, hungary, switzerland, va (minUpdates 4, quorum 3, at most 200 examples per site)');
    const uncapped = planFile('uncapped.json', (plan) => delete plan.consortium!.maxExamplesPerSite);
    expect((await runCli(['plan', 'validate', uncapped])).stdout).toContain('(minUpdates 4, quorum 3, at most 100000 examples per site)');
  });

  it('hash prints the planHash', async () => {
    const run = await runCli(['plan', 'hash', example]);
    expect(run.stdout).toBe(`${planHash(loadPlan(example))}  ${example}\n`);
  });

  it('a wrong type: PLAN_INVALID naming the field, exit 2, no stack trace', async () => {
    const file = planFile('wrong-type.json', (plan) => (plan.training = { ...plan.training, batchSize: 'four' }));
    const run = await runCli(['plan', 'validate', file]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`medfl: PLAN_INVALID: ${file} is not a valid plan (1 problem):\n  training.batchSize: wrong type: the string "four" (expected number)`);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('an unknown field: PLAN_INVALID naming it', async () => {
    const file = planFile('unknown.json', (plan) => (plan.privacy = { ...plan.privacy, epsilon: 1 }));
    const run = await runCli(['plan', 'hash', file, '--json']);
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stdout).error).toMatchObject({
      code: 'PLAN_INVALID',
      details: { problems: [{ path: 'privacy.epsilon', message: 'unknown field (not part of the plan format)' }] },
    });
  });

  it('a missing file: FILE_NOT_FOUND, exit 3; a non-JSON file: PLAN_NOT_JSON', async () => {
    const missing = await runCli(['plan', 'validate', join(scratch, 'nope.json')]);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toContain(`medfl: FILE_NOT_FOUND: plan file ${join(scratch, 'nope.json')} does not exist`);
    const text = join(scratch, 'plan.txt');
    writeFileSync(text, 'rounds: 3');
    const notJson = await runCli(['plan', 'validate', text]);
    expect(notJson.code).toBe(2);
    expect(notJson.stderr).toContain(`medfl: PLAN_NOT_JSON: plan file ${text} is not JSON`);
  });

  it('approve records the planHash in a site kit, and refuses the coordinator kit and a site the plan does not name', async () => {
    const { kitDirs } = await provisionConsortium({ consortium: 'c', sites: ['cleveland', 'elsewhere'], outDir: join(scratch, 'kits') });
    const hash = planHash(loadPlan(example));
    const approved = await runCli(['plan', 'approve', example, '--kit', kitDirs.cleveland!, '--json']);
    expect(approved.code).toBe(0);
    expect(JSON.parse(approved.stdout)).toMatchObject({ site: 'cleveland', planHash: hash, name: 'uci-heart-fedavg' });
    expect(isPlanApproved(kitDirs.cleveland!, hash)).toBe(true);
    const coordinator = await runCli(['plan', 'approve', example, '--kit', kitDirs.coordinator!]);
    expect(coordinator.code).toBe(2);
    expect(coordinator.stderr).toContain("is the coordinator's kit; plans are approved by each site's operator");
    const stranger = await runCli(['plan', 'approve', example, '--kit', kitDirs.elsewhere!]);
    expect(stranger.code).toBe(4);
    expect(stranger.stderr).toContain('does not name site elsewhere');
    expect(isPlanApproved(kitDirs.elsewhere!, hash)).toBe(false);
  });

  it('approve of a DP-SGD plan needs --epsilon (one PRIVACY_BUDGET_REQUIRED line) and records ε at δ, the plan\'s by default', async () => {
    const { kitDirs } = await provisionConsortium({ consortium: 'dp', sites: ['cleveland'], outDir: join(scratch, 'dp-kits') });
    const file = planFile('dp.json', (plan) => (plan.privacy = { ...plan.privacy, dpSgd: { maxGradNorm: 1, delta: 1e-5, targetEpsilon: 3 } }));
    const hash = planHash(loadPlan(file));
    const missing = await runCli(['plan', 'approve', file, '--kit', kitDirs.cleveland!]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe("medfl: PRIVACY_BUDGET_REQUIRED: plan uci-heart-fedavg trains with DP-SGD: give this site's privacy budget with --epsilon E (ε at δ = 0.00001)\n");
    expect(isPlanApproved(kitDirs.cleveland!, hash)).toBe(false);
    const approved = await runCli(['plan', 'approve', file, '--kit', kitDirs.cleveland!, '--epsilon', '2.5']);
    expect(approved.code).toBe(0);
    expect(approved.stdout).toContain('DP-SGD (per-example clip 1, noise calibrated per site to ε 3, δ 0.00001)');
    expect(approved.stdout).toContain('budget:     ε 2.5 at δ 0.00001');
    expect(approvedPrivacyBudget(kitDirs.cleveland!, hash)).toEqual({ epsilon: 2.5, delta: 1e-5 });
    await runCli(['plan', 'approve', file, '--kit', kitDirs.cleveland!, '--epsilon', '1', '--delta', '1e-6']);
    expect(approvedPrivacyBudget(kitDirs.cleveland!, hash)).toEqual({ epsilon: 1, delta: 1e-6 });
    const notDp = await runCli(['plan', 'approve', example, '--kit', kitDirs.cleveland!, '--epsilon', '1']);
    expect(notDp.stderr).toBe('medfl: USAGE: plan uci-heart-fedavg does not train with DP-SGD: --epsilon and --delta apply to DP-SGD plans only\n');
  });

  it('validate of a plan still carrying dpNoiseMultiplier says privacy.dpSgd replaced it', async () => {
    const file = planFile('old-dp.json', (plan) => (plan.privacy = { ...plan.privacy, dpNoiseMultiplier: 0 }));
    const run = await runCli(['plan', 'validate', file]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`medfl: PLAN_INVALID: ${file} is not a valid plan (1 problem):\n  privacy.dpNoiseMultiplier: replaced by privacy.dpSgd`);
  });
});
