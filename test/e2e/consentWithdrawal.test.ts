// Consent on chain, end to end with real processes: a two-hospital CKKS run on synthetic FHIR data on its own anvil,
// where one patient of hospital-1 withdraws research consent (a deny Consent appended to its export) while round 1
// trains. `medfl consent prove` then gives an inclusion proof for round 1 and an exclusion proof for round 2, and
// `medfl consent check` proves both against the roots hospital-1 committed on chain, with no site secret.
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exitCodeFor } from '../../common/errorCodes.ts';
import { loadPlan } from '../../common/plan/loadPlan.ts';
import { runLocalConsortium, type LocalRunResult } from '../../consortium/runLocalConsortium.ts';
import { checkConsentProofs } from '../../contracts/checkConsentProof.ts';
import { devWallet } from '../../contracts/chain/devAccounts.ts';
import { startChain, type RunningChain } from '../../contracts/chain/startChain.ts';
import { loadSiteSplit } from '../../datasets/loadPlanData.ts';
import { REPO_ROOT } from '../../datasets/paths.ts';
import { consentResource } from '../../datasets/synthetic/fhirResources.ts';
import { generateConsortium } from '../../datasets/synthetic/generateConsortium.ts';
import { consentRecordFile } from '../../participant/consent/consentRecord.ts';
import { proveConsent } from '../../participant/consent/proveConsent.ts';
import { runCli } from '../helpers/runCli.ts';

const SITES = ['hospital-1', 'hospital-2'];
const SITE = 'hospital-1';
const dir = mkdtempSync(join(tmpdir(), 'medfl-consent-e2e-'));
const dataDir = join(dir, 'hospitals');
const workDir = join(dir, 'run');
const kit = join(workDir, 'kits', SITE);
const siteDir = join(workDir, 'sites', SITE);
// The run's own anvil, kept up after the run so that proofs are checked against it.
let chain: RunningChain;
let run: LocalRunResult;
let withdrawn: string;
let stayed: string;

function writePlan(): string {
  const plan = JSON.parse(readFileSync(join(REPO_ROOT, 'plans', 'demo.json'), 'utf8')) as Record<string, Record<string, unknown>>;
  const file = join(dir, 'consent-plan.json');
  writeFileSync(file, JSON.stringify({ ...plan, name: 'consent-e2e', rounds: 2, consortium: { ...plan.consortium, sites: SITES, minUpdates: 2, quorum: 2 } }));
  return file;
}

/** Appends the patient's withdrawal once hospital-1 has read its data for round 1 (its round-1 record exists). */
async function withdrawDuringRoundOne(patient: string, done: Promise<unknown>): Promise<void> {
  let finished = false;
  void done.finally(() => (finished = true));
  while (!existsSync(consentRecordFile(siteDir, 1))) {
    if (finished) throw new Error('the run ended before hospital-1 recorded round 1');
    await sleep(50);
  }
  const withdrawal = consentResource(`${patient}-withdrawal`, patient, Date.UTC(2026, 10, 28), true);
  appendFileSync(join(dataDir, SITE, 'Consent.ndjson'), `${JSON.stringify(withdrawal)}\n`);
}

// Generous: the CLI starts slowly on a loaded two-core machine.
const CLI_MS = 240_000;
const prove = (patient: string, round: number) =>
  runCli(['consent', 'prove', '--json', '--patient', patient, '--round', String(round), '--kit', kit, '--site-dir', siteDir, '--out', join(dir, `${patient}-${round}.json`)], { timeoutMs: CLI_MS });
const check = (...files: string[]) => runCli(['consent', 'check', ...files, '--json', '--rpc', chain.rpcUrl, '--ledger', chain.ledgerAddress], { timeoutMs: CLI_MS });

beforeAll(async () => {
  generateConsortium({ out: dataDir, hospitals: SITES.length, patients: 24, seed: 5 });
  const planFile = writePlan();
  const plan = loadPlan(planFile);
  const before = (await loadSiteSplit(plan, dataDir, SITE)).trainPatients!;
  withdrawn = before[0]!;
  chain = await startChain({ port: 0 });
  const running = runLocalConsortium({ planFile, data: dataDir, workDir, chain: { rpcUrl: chain.rpcUrl, ledgerAddress: chain.ledgerAddress, adminKey: devWallet(0).privateKey } });
  await withdrawDuringRoundOne(withdrawn, running);
  run = await running;
  // Round 2's split is drawn afresh without the withdrawn patient: take one who trained in both rounds.
  const after = new Set((await loadSiteSplit(plan, dataDir, SITE)).trainPatients);
  stayed = before.find((patient) => patient !== withdrawn && after.has(patient))!;
}, 600_000);

afterAll(async () => {
  await chain?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('consent withdrawn between rounds, proven against the chain', () => {
  it('round 1 proves the patient in, round 2 proves them out, both against the committed roots', async () => {
    expect(run.rounds.map((round) => round.round)).toEqual([1, 2]);
    const included = await prove(withdrawn, 1);
    expect(included.code, included.stderr).toBe(0);
    expect(JSON.parse(included.stdout)).toMatchObject({ kind: 'inclusion', patient: withdrawn, round: 1, site: SITE });
    const excluded = await prove(withdrawn, 2);
    expect(excluded.code, excluded.stderr).toBe(0);
    expect(JSON.parse(excluded.stdout)).toMatchObject({ kind: 'exclusion', patient: withdrawn, round: 2 });
    const checked = await check(join(dir, `${withdrawn}-1.json`), join(dir, `${withdrawn}-2.json`));
    expect(checked.code, checked.stderr).toBe(0);
    expect(JSON.parse(checked.stdout).proofs.map((proof: { kind: string; round: number }) => [proof.kind, proof.round])).toEqual([['inclusion', 1], ['exclusion', 2]]);
  }, 3 * CLI_MS);

  it('a patient who kept their consent is proven in round 2 too', async () => {
    const file = join(dir, `${stayed}-2.json`);
    writeFileSync(file, JSON.stringify(proveConsent({ kitDir: kit, siteDir, patient: stayed, round: 2 })));
    const [checked] = await checkConsentProofs([file], chain);
    expect(checked!.proof).toMatchObject({ kind: 'inclusion', patient: stayed, round: 2 });
  }, 60_000);

  it('refuses a proof claiming the withdrawn patient in round 2, and one naming another root than the chain', async () => {
    const inclusion = JSON.parse(readFileSync(join(dir, `${withdrawn}-1.json`), 'utf8')) as Record<string, unknown>;
    const relabelled = join(dir, 'relabelled.json');
    // Round 1's valid inclusion proof passed off as round 2's: its root is not the one hospital-1 committed for round 2.
    writeFileSync(relabelled, JSON.stringify({ ...inclusion, round: 2 }));
    await expect(checkConsentProofs([relabelled], chain)).rejects.toMatchObject({
      code: 'CONSENT_ROOT_MISMATCH', message: expect.stringMatching(/committed consent root 0x[0-9a-f]{64} for round 2 of run/),
    });
    const exclusion = JSON.parse(readFileSync(join(dir, `${withdrawn}-2.json`), 'utf8')) as Record<string, unknown>;
    const flipped = join(dir, 'flipped.json');
    writeFileSync(flipped, JSON.stringify({ ...exclusion, kind: 'inclusion' }));
    const invalid = await check(flipped);
    expect(invalid.code).toBe(exitCodeFor('CONSENT_PROOF_INVALID'));
    expect(invalid.stderr.trim().split('\n')).toHaveLength(1);
  }, CLI_MS);
});
