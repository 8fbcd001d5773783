// A site with a small privacy budget as a real `medfl participant` process against a real coordinator and RoundLedger
// on anvil: it trains round 1 with DP-SGD, then refuses round 2 (whose ε would pass its budget) with one
// PRIVACY_BUDGET_EXHAUSTED line and that code's exit status, having recorded nothing for round 2.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exitCodeFor } from '../../common/errorCodes.ts';
import { loadKit } from '../../common/kit/loadKit.ts';
import { approvePlan } from '../../common/kit/planApproval.ts';
import { loadPlan } from '../../common/plan/loadPlan.ts';
import { parsePlan } from '../../common/plan/parsePlan.ts';
import { planHash } from '../../common/plan/planHash.ts';
import type { Plan } from '../../common/plan/planSchema.ts';
import { dpSgdEpsilon } from '../../common/privacy/dpSgdEpsilon.ts';
import { siteDpSgd } from '../../common/privacy/siteDpSgd.ts';
import { devWallet } from '../../contracts/chain/devAccounts.ts';
import { startChain, type RunningChain } from '../../contracts/chain/startChain.ts';
import { authorizeCoordinator } from '../../contracts/chain/authorizeCoordinator.ts';
import { coordinatorAggregation, coordinatorLedger } from '../../coordinator/wiring.ts';
import { startCoordinator, type RunningCoordinator } from '../../coordinator/startCoordinator.ts';
import { REPO_ROOT } from '../../datasets/paths.ts';
import { loadUciHeart } from '../../datasets/uci/loadUciHeart.ts';
import { PRIVACY_LEDGER_FILE } from '../../participant/privacy/sitePrivacySpend.ts';
import { provisionConsortium } from '../../provision/provisionConsortium.ts';
import { runCli, type CliRun } from '../helpers/runCli.ts';

const SITE = 'cleveland';
const dir = mkdtempSync(join(tmpdir(), 'medfl-privacy-budget-'));
let chain: RunningChain;
let coordinator: RunningCoordinator;
let plan: Plan;
let budget: number;

function dpPlan(): Plan {
  const base = loadPlan(join(REPO_ROOT, 'plans', 'uci-heart-fedavg.json'));
  return parsePlan({
    ...base,
    rounds: 3,
    training: { ...base.training, localEpochs: 1 },
    privacy: { encryption: 'plaintext', clipNorm: base.privacy.clipNorm, dpSgd: { maxGradNorm: 1, delta: 1e-5, noiseMultiplier: 1.1 } },
    consortium: { ...base.consortium, sites: [SITE], minUpdates: 1, quorum: 1 },
  }, 'dp test plan');
}

function participantProcess(): Promise<CliRun> {
  return runCli(['participant', '--json', '--kit', join(dir, 'kits', SITE), '--data', 'uci-heart', '--coordinator', coordinator.address,
    '--rpc', chain.rpcUrl, '--ledger', chain.ledgerAddress, '--out', join(dir, 'out')], { timeoutMs: 240_000 });
}

beforeAll(async () => {
  chain = await startChain({ port: 0 });
  plan = dpPlan();
  // Between this site's ε after one round and after two, at the plan's δ.
  const rows = loadUciHeart().find((split) => split.site === SITE)!.train.rows;
  const dp = siteDpSgd(plan, rows)!;
  const after = (rounds: number) => dpSgdEpsilon({ samplingRate: dp.samplingRate, noiseMultiplier: dp.noiseMultiplier, steps: rounds * dp.stepsPerRound, delta: 1e-5 }).epsilon;
  budget = Number(((after(1) + after(2)) / 2).toFixed(3));
  const { kitDirs, consortium } = await provisionConsortium({ consortium: 'dp', sites: [SITE], outDir: join(dir, 'kits') });
  approvePlan(kitDirs[SITE]!, { planHash: planHash(plan), name: plan.name, privacyBudget: { epsilon: budget, delta: 1e-5 } });
  await authorizeCoordinator(chain.rpcUrl, chain.ledgerAddress, devWallet(0).privateKey, consortium.coordinator.address);
  const ledger = await coordinatorLedger({ rpcUrl: chain.rpcUrl, ledgerAddress: chain.ledgerAddress, kit: loadKit(kitDirs.coordinator!) });
  coordinator = await startCoordinator({ kitDir: kitDirs.coordinator!, plan, storeDir: join(dir, 'store'), ledger, aggregation: coordinatorAggregation(plan) });
}, 120_000);

afterAll(async () => {
  await coordinator?.stop();
  await chain?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('a site\'s privacy budget', () => {
  it('trains round 1, then refuses round 2 with PRIVACY_BUDGET_EXHAUSTED and exits with that code, sending nothing', async () => {
    const run = await participantProcess();
    // One error line (log lines, JSON at warn level, may come before it).
    const errors = run.stderr.split('\n').filter((line) => line.startsWith('medfl:'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(
      new RegExp(`^medfl: PRIVACY_BUDGET_EXHAUSTED: round 2 \\(attempt 0\\) would take this site's ε to [0-9.]+ at δ = 0\\.00001, past its budget of ε = ${budget}; the site trains and sends nothing for it$`),
    );
    expect(run.code).toBe(exitCodeFor('PRIVACY_BUDGET_EXHAUSTED'));
    const ledger = JSON.parse(readFileSync(join(dir, 'out', PRIVACY_LEDGER_FILE), 'utf8')) as { trainings: { round: number }[] };
    expect(ledger.trainings.map((training) => training.round)).toEqual([1]);
    expect(coordinator.engine.status().lastCommit?.round).toBe(1);
    expect(coordinator.engine.status().task?.round).toBe(2);
  }, 240_000);
});
