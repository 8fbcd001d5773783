// A provisioned three-site consortium and a small plan for coordinator and participant tests (temp dir, cleaned up).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadKit, type Kit } from '../../../common/kit/loadKit.ts';
import { genesisModel } from '../../../common/model/genesis.ts';
import { parameterCount } from '../../../common/model/ModelArtifact.ts';
import { parsePlan } from '../../../common/plan/parsePlan.ts';
import type { Plan } from '../../../common/plan/planSchema.ts';
import { assembleConsortium } from '../../../consortium/assembleConsortium.ts';
import { provisionConsortium } from '../../../provision/provisionConsortium.ts';

export const SITES = ['site-a', 'site-b', 'site-c'] as const;

export function testPlan(overrides: Partial<Plan['consortium']> = {}, rounds = 2, encryption: Plan['privacy']['encryption'] = 'plaintext'): Plan {
  return parsePlan(
    {
      name: 'round-test',
      seed: 11,
      model: { kind: 'logistic' },
      features: ['x1', 'x2', 'x3'],
      dataset: { kind: 'uci-heart' },
      training: { optimizer: 'sgd', learningRate: 0.1, batchSize: 8, localEpochs: 1 },
      strategy: { name: 'fedavg' },
      rounds,
      privacy: { encryption, clipNorm: 5 },
      consortium: { sites: [...SITES], minUpdates: 2, quorum: 2, roundDeadlineSeconds: 20, onRoundFailure: 'stop', ...overrides },
    },
    'test plan',
  );
}

export interface TestConsortium {
  readonly dir: string;
  readonly kits: Record<string, Kit>;
  readonly kitDirs: Readonly<Record<string, string>>;
  readonly plan: Plan;
  readonly parameters: number;
  /** A kit of another consortium (other CA) whose id is also site-a. */
  readonly strangerKit: Kit;
  cleanup(): void;
}

export async function testConsortium(plan = testPlan()): Promise<TestConsortium> {
  const dir = mkdtempSync(join(tmpdir(), 'medfl-rounds-'));
  const { kitDirs } = await assembleConsortium({ plan, outDir: join(dir, 'kits'), name: 'test' });
  const stranger = await provisionConsortium({ consortium: 'other', sites: ['site-a'], outDir: join(dir, 'other') });
  const kits = Object.fromEntries(Object.entries(kitDirs).map(([id, kitDir]) => [id, loadKit(kitDir)]));
  return {
    dir,
    kits,
    kitDirs,
    plan,
    parameters: parameterCount(genesisModel(plan).weightSpecs),
    strangerKit: loadKit(stranger.kitDirs['site-a']!),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}
