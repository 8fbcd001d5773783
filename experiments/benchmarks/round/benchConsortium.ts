// Set-up for `npm run bench -- round`: a plan of a given model size and N sites, assembled as `medfl run` does, with
// the coordinator enrolled on the embedded chain (role + funds).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadKit, type Kit } from '../../../common/kit/loadKit.ts';
import { parsePlan } from '../../../common/plan/parsePlan.ts';
import type { Plan } from '../../../common/plan/planSchema.ts';
import type { RunningChain } from '../../../contracts/chain/startChain.ts';
import { authorizeCoordinator } from '../../../contracts/chain/authorizeCoordinator.ts';
import { devWallet } from '../../../contracts/chain/devAccounts.ts';
import { assembleConsortium } from '../../../consortium/assembleConsortium.ts';

export const FEATURES = 32;

/**
 * MLP hidden layers giving about `target` parameters on 32 inputs (10k, 100k, 1M, 5M, 10M, 50M); layers are at most
 * 4096 wide (planSchema.ts), so 50M takes four of them, under the plan limit (common/plan/modelParameters.ts).
 */
export function hiddenFor(target: number): number[] {
  if (target <= 20_000) return [300];
  if (target <= 200_000) return [300, 300];
  if (target <= 2_000_000) return [1000, 960];
  if (target <= 6_000_000) return [2200, 2240];
  if (target <= 20_000_000) return [3000, 3290];
  return [4096, 4096, 4096, 4096];
}

export function benchPlan(parameters: number, sites: string[], encryption: 'ckks' | 'ckks-shared-key' | 'plaintext'): Plan {
  return parsePlan(
    {
      name: `bench-round-${parameters}`,
      seed: 3,
      model: { kind: 'mlp', hidden: hiddenFor(parameters) },
      features: Array.from({ length: FEATURES }, (_, i) => `f${i}`),
      dataset: { kind: 'uci-heart' },
      training: { optimizer: 'sgd', learningRate: 0.1, batchSize: 16, localEpochs: 1 },
      strategy: { name: 'fedavg' },
      rounds: 1,
      privacy: { encryption, clipNorm: 1 },
      consortium: { sites, minUpdates: sites.length, quorum: Math.min(sites.length, 4), roundDeadlineSeconds: 600, onRoundFailure: 'stop' },
    },
    'bench plan',
  );
}

export interface BenchConsortium {
  readonly dir: string;
  readonly kits: Record<string, Kit>;
  readonly kitDirs: Readonly<Record<string, string>>;
  readonly plan: Plan;
  readonly planFile: string;
  cleanup(): void;
}

const enrol = (chain: RunningChain, address: string) => authorizeCoordinator(chain.rpcUrl, chain.ledgerAddress, devWallet(0).privateKey, address);

export async function benchConsortium(chain: RunningChain, siteCount: number, parameters: number, encryption: 'ckks' | 'ckks-shared-key' | 'plaintext'): Promise<BenchConsortium> {
  const dir = mkdtempSync(join(tmpdir(), 'medfl-bench-round-'));
  const sites = Array.from({ length: siteCount }, (_, i) => `site-${i + 1}`);
  const plan = benchPlan(parameters, sites, encryption);
  const { kitDirs } = await assembleConsortium({ plan, outDir: join(dir, 'kits'), name: 'bench', enrolCoordinator: (address) => enrol(chain, address) });
  const kits = Object.fromEntries(Object.entries(kitDirs).map(([id, kitDir]) => [id, loadKit(kitDir)]));
  const planFile = join(dir, 'plan.json');
  writeFileSync(planFile, JSON.stringify(plan));
  return { dir, kits, kitDirs, plan, planFile, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
