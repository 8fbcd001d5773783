// Whole system, real processes on loopback: 3 UCI centres × 3 rounds, CKKS-encrypted, against the same run in plaintext.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { genesisModel } from '../../common/model/genesis.ts';
import { readModelDir } from '../../common/model/modelDir.ts';
import { loadPlan } from '../../common/plan/loadPlan.ts';
import { startChain, type RunningChain } from '../../contracts/chain/startChain.ts';
import { devWallet } from '../../contracts/chain/devAccounts.ts';
import { connectLedger } from '../../contracts/LedgerClient.ts';
import { runLocalConsortium, type LocalRunResult } from '../../consortium/runLocalConsortium.ts';
import { resolveDataset } from '../../datasets/resolveDataset.ts';
import { clipToNorm } from '../../participant/update/clipToNorm.ts';
import { modelDelta } from '../../participant/update/modelDelta.ts';
import { trainingSeed } from '../../participant/node/trainingSeed.ts';
import { trainLocal } from '../../participant/training/trainLocal.ts';
import { writeUciPlan } from './uciPlan.ts';

const SITES = ['cleveland', 'hungary', 'va'];
const work = mkdtempSync(join(tmpdir(), 'medfl-e2e-'));
const chains: RunningChain[] = [];
const runs: Record<'ckks' | 'plaintext', LocalRunResult | undefined> = { ckks: undefined, plaintext: undefined };

async function run(encryption: 'ckks' | 'plaintext'): Promise<LocalRunResult> {
  const chain = await startChain({ port: 0 });
  chains.push(chain);
  const planFile = writeUciPlan(join(work, 'plans'), `e2e-${encryption}`, { sites: SITES, rounds: 3, encryption });
  return runLocalConsortium({
    planFile,
    data: 'uci-heart',
    workDir: join(work, encryption),
    chain: { rpcUrl: chain.rpcUrl, ledgerAddress: chain.ledgerAddress, adminKey: devWallet(0).privateKey },
  });
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** Every site's round-1 update in the byte forms a careless coordinator could store: fp32 Δ and fp64 n·Δ. */
async function roundOneUpdates(planFile: string): Promise<Buffer[]> {
  const plan = loadPlan(planFile);
  const genesis = genesisModel(plan);
  const splits = (await resolveDataset('uci-heart')).filter((split) => SITES.includes(split.site));
  const patterns: Buffer[] = [];
  for (const split of splits) {
    const local = await trainLocal(genesis, split.train, { training: plan.training, seed: trainingSeed(plan.seed, split.site, 1, 0) });
    const { clipped } = clipToNorm(modelDelta(local.model.weights, genesis.weights), plan.privacy.clipNorm);
    patterns.push(Buffer.from(clipped.buffer), Buffer.from(Float64Array.from(clipped, (v) => v * local.examples).buffer));
  }
  return patterns;
}

function coordinatorFiles(result: LocalRunResult): string[] {
  return [...filesUnder(join(result.workDir, 'coordinator-store')), join(result.workDir, 'logs', 'coordinator.log'), ...filesUnder(join(result.workDir, 'kits', 'coordinator'))];
}

beforeAll(async () => {
  runs.ckks = await run('ckks');
  runs.plaintext = await run('plaintext');
}, 600_000);

afterAll(async () => {
  await Promise.all(chains.map((chain) => chain.stop()));
  rmSync(work, { recursive: true, force: true });
});

describe('an encrypted federated run end to end', () => {
  it('commits 3 rounds whose model hashes every site computed itself', async () => {
    const result = runs.ckks!;
    expect(result.runState).toBe('COMPLETED');
    expect(result.verification.verified).toBe(true);
    const ledger = await connectLedger(result.rpcUrl, result.ledgerAddress, devWallet(1).privateKey);
    const onChain = await Promise.all([1, 2, 3].map(async (round) => (await ledger.getRound(result.runId, round))?.modelHash));
    expect(onChain.every((hash) => /^0x[0-9a-f]{64}$/.test(hash ?? ''))).toBe(true);
    for (const site of SITES) {
      const lines = readFileSync(join(result.workDir, 'sites', site, 'metrics.jsonl'), 'utf8').trim().split('\n');
      expect(lines.map((line) => (JSON.parse(line) as { modelHash: string }).modelHash)).toEqual(onChain);
    }
    expect(result.finalModelHash).toBe(onChain[2]);
    expect(result.verification.manifest?.leaves.map((leaf) => leaf.proofValid)).toEqual([true, true, true]);
  });

  it('gives the coordinator no CKKS key and keeps every plaintext update out of its store, logs and kit', async () => {
    const result = runs.ckks!;
    const kitFiles = readdirSync(join(result.workDir, 'kits', 'coordinator'));
    expect(kitFiles).not.toContain('ckks.sealed');
    expect(kitFiles).not.toContain('box.key');
    const patterns = await roundOneUpdates(join(work, 'plans', 'e2e-ckks.json'));
    const files = coordinatorFiles(result);
    expect(files.length).toBeGreaterThan(2);
    for (const file of files) {
      const bytes = readFileSync(file);
      for (const pattern of patterns) expect(bytes.includes(pattern), `${file} holds a plaintext update`).toBe(false);
    }
    // The search is meaningful: the plaintext codec's coordinator does store n·Δ in the clear.
    const plaintextStore = coordinatorFiles(runs.plaintext!).map((file) => readFileSync(file));
    const plaintextPatterns = await roundOneUpdates(join(work, 'plans', 'e2e-plaintext.json'));
    expect(plaintextPatterns.some((pattern) => plaintextStore.some((bytes) => bytes.includes(pattern)))).toBe(true);
  });

  it('ends with the same model as the plaintext run, to 1e-5', () => {
    const encrypted = readModelDir(runs.ckks!.finalModelDir).weights;
    const plaintext = readModelDir(runs.plaintext!.finalModelDir).weights;
    expect(encrypted.length).toBe(plaintext.length);
    const maxDiff = encrypted.reduce((max, value, i) => Math.max(max, Math.abs(value - (plaintext[i] ?? 0))), 0);
    expect(maxDiff).toBeLessThan(1e-5);
  });
});
