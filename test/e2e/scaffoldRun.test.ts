// Whole system, real processes on loopback: SCAFFOLD on 3 UCI centres × 2 rounds with FLamby's 100 local SGD steps of
// batch 4, under threshold CKKS; the control variates travel encrypted beside the model update.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPlan } from '../../common/plan/loadPlan.ts';
import { runCodecParameters } from '../../common/wire/runCodecParameters.ts';
import { startChain, type RunningChain } from '../../contracts/chain/startChain.ts';
import { devWallet } from '../../contracts/chain/devAccounts.ts';
import { connectLedger } from '../../contracts/LedgerClient.ts';
import { runLocalConsortium, type LocalRunResult } from '../../consortium/runLocalConsortium.ts';
import { SiteState } from '../../participant/node/SiteState.ts';
import { writeUciPlan } from './uciPlan.ts';

const SITES = ['cleveland', 'hungary', 'va'];
const PARAMETERS = 14;
const work = mkdtempSync(join(tmpdir(), 'medfl-e2e-scaffold-'));
let chain: RunningChain | undefined;
let result: LocalRunResult | undefined;
let planFile = '';

beforeAll(async () => {
  chain = await startChain({ port: 0 });
  planFile = writeUciPlan(join(work, 'plans'), 'e2e-scaffold', {
    sites: SITES, rounds: 2, encryption: 'ckks',
    training: { optimizer: 'sgd', learningRate: 0.001, batchSize: 4, localSteps: 100 },
    strategy: { name: 'scaffold' },
  });
  result = await runLocalConsortium({
    planFile, data: 'uci-heart', workDir: join(work, 'run'),
    chain: { rpcUrl: chain.rpcUrl, ledgerAddress: chain.ledgerAddress, adminKey: devWallet(0).privateKey },
  });
}, 600_000);

afterAll(async () => {
  await chain?.stop();
  rmSync(work, { recursive: true, force: true });
});

const siteDir = (site: string) => join(result!.workDir, 'sites', site);

/** A site's adopted c_i, as SiteControl keeps it. */
function siteControl(site: string): { round: number; control: Float32Array } {
  const kept = JSON.parse(readFileSync(join(siteDir(site), 'scaffold-control', 'current.json'), 'utf8')) as { round: number; values: string };
  return { round: kept.round, control: new Float32Array(new Uint8Array(Buffer.from(kept.values, 'base64')).buffer) };
}

describe('a SCAFFOLD run end to end', () => {
  it('sizes the codec for concat(Δy, Δc), commits 2 rounds every site computed, and verifies', async () => {
    const params = runCodecParameters(loadPlan(planFile));
    expect(params.parameterCount).toBe(2 * PARAMETERS);
    expect(result!.runState).toBe('COMPLETED');
    expect(result!.verification.verified).toBe(true);
    const ledger = await connectLedger(result!.rpcUrl, result!.ledgerAddress, devWallet(1).privateKey);
    const onChain = await Promise.all([1, 2].map(async (round) => (await ledger.getRound(result!.runId, round))?.modelHash));
    for (const site of SITES) {
      const lines = readFileSync(join(siteDir(site), 'metrics.jsonl'), 'utf8').trim().split('\n');
      expect(lines.map((line) => (JSON.parse(line) as { modelHash: string }).modelHash)).toEqual(onChain);
    }
    expect(result!.finalModelHash).toBe(onChain[1]);
  });

  it('keeps c = Σ (nᵢ/Σn)·c_i: every site adopted its c_i of round 2 and holds the same global c', () => {
    const states = SITES.map((site) => new SiteState(siteDir(site)).load()!.progress.strategyState);
    const c = states[0]!.moments.c!;
    expect(c).toHaveLength(PARAMETERS);
    for (const state of states) expect(state.moments.c).toEqual(c);
    const provenance = JSON.parse(readFileSync(join(siteDir('cleveland'), 'model', 'provenance.json'), 'utf8')) as { contributors: { site: string; examples: number }[] };
    const examples = new Map(provenance.contributors.map((leaf) => [leaf.site, leaf.examples]));
    const total = [...examples.values()].reduce((sum, n) => sum + n, 0);
    // Every site took part in both rounds with the same weight, so c, moved by the weighted mean Δc each round
    // (|S|/N = 1), is the weighted mean of the sites' c_i, up to the CKKS decoding error.
    const expected = new Float64Array(PARAMETERS);
    for (const site of SITES) {
      const { round, control } = siteControl(site);
      expect(round).toBe(2);
      expect(control.some((value) => value !== 0)).toBe(true);
      control.forEach((value, i) => (expected[i] = (expected[i] ?? 0) + ((examples.get(site) ?? 0) / total) * value));
      expect(existsSync(join(siteDir(site), 'scaffold-control', `pending-${result!.runId}-round-2-attempt-0.json`))).toBe(false);
    }
    c.forEach((value, i) => expect(Math.abs(value - (expected[i] ?? 0))).toBeLessThan(1e-4));
  });
});
