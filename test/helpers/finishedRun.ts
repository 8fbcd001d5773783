// A finished encrypted run on synthetic FHIR hospitals, built once per `vitest run` on the shared chain
// (test/globalSetup.ts) and read by every test that needs a verified model, its store, its kits and its chain. The first
// caller builds it under a lock; the others wait for it. Read only: a test that changes files copies them first.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { inject } from 'vitest';
import { devWallet } from '../../contracts/chain/devAccounts.ts';
import { runLocalConsortium, type LocalRunResult } from '../../consortium/runLocalConsortium.ts';
import { REPO_ROOT } from '../../datasets/paths.ts';
import { generateConsortium } from '../../datasets/synthetic/generateConsortium.ts';

export interface FinishedRun extends LocalRunResult {
  readonly planFile: string;
  /** The generated hospitals' folder (one FHIR Bulk Data folder per site). */
  readonly dataDir: string;
  /** Per site: its kit folder, its node's folder (model, metrics, privacy ledger). */
  readonly kits: Record<string, string>;
  readonly siteDirs: Record<string, string>;
  readonly coordinatorKit: string;
  readonly coordinatorStore: string;
}

export const FINISHED_RUN_SITES = ['hospital-1', 'hospital-2', 'hospital-3'] as const;
const ROUNDS = 2;
const BUILD_LIMIT_MS = 600_000;

function writePlan(dir: string): string {
  const plan = JSON.parse(readFileSync(join(REPO_ROOT, 'plans', 'demo.json'), 'utf8')) as Record<string, Record<string, unknown>>;
  const file = join(dir, 'shared-run.json');
  const consortium = { ...plan.consortium, sites: [...FINISHED_RUN_SITES], minUpdates: 3, quorum: 3 };
  writeFileSync(file, JSON.stringify({ ...plan, name: 'shared-test-run', rounds: ROUNDS, consortium }, null, 2));
  return file;
}

async function build(folder: string): Promise<FinishedRun> {
  const dataDir = join(folder, 'hospitals');
  generateConsortium({ out: dataDir, hospitals: FINISHED_RUN_SITES.length, patients: 60, seed: 11 });
  const planFile = writePlan(folder);
  const workDir = join(folder, 'run');
  const chain = inject('sharedChain');
  const result = await runLocalConsortium({ planFile, data: dataDir, workDir, chain: { ...chain, adminKey: devWallet(0).privateKey } });
  const kits = Object.fromEntries(FINISHED_RUN_SITES.map((id) => [id, join(workDir, 'kits', id)]));
  const siteDirs = Object.fromEntries(FINISHED_RUN_SITES.map((id) => [id, join(workDir, 'sites', id)]));
  return { ...result, planFile, dataDir, kits, siteDirs, coordinatorKit: join(workDir, 'kits', 'coordinator'), coordinatorStore: join(workDir, 'coordinator-store') };
}

/** The shared run; call it in a beforeAll with a hook timeout of BUILD_LIMIT_MS or more. */
export async function finishedRun(): Promise<FinishedRun> {
  const folder = inject('sharedRunFolder');
  const resultFile = join(folder, 'finished-run.json');
  const failureFile = join(folder, 'finished-run.failed');
  try {
    mkdirSync(join(folder, 'lock'));
  } catch {
    return waitFor(resultFile, failureFile);
  }
  try {
    const run = await build(folder);
    writeFileSync(resultFile, JSON.stringify(run));
    return run;
  } catch (error) {
    writeFileSync(failureFile, String(error));
    throw error;
  }
}

async function waitFor(resultFile: string, failureFile: string): Promise<FinishedRun> {
  const deadline = Date.now() + BUILD_LIMIT_MS;
  while (Date.now() < deadline) {
    if (existsSync(resultFile)) return JSON.parse(readFileSync(resultFile, 'utf8')) as FinishedRun;
    if (existsSync(failureFile)) throw new Error(`the shared run failed to build: ${readFileSync(failureFile, 'utf8')}`);
    await sleep(500);
  }
  throw new Error(`the shared run was not built within ${BUILD_LIMIT_MS / 1000} s`);
}

export const FINISHED_RUN_TIMEOUT_MS = BUILD_LIMIT_MS + 60_000;
