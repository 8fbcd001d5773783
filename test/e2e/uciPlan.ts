// Plans for whole-system tests: the FLamby-style UCI plan shortened to a few rounds and chosen centres.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../../datasets/paths.ts';

export function writeUciPlan(dir: string, name: string, overrides: { sites: string[]; rounds: number; encryption: 'ckks' | 'ckks-shared-key' | 'plaintext'; minUpdates?: number; quorum?: number; roundDeadlineSeconds?: number; features?: number; hidden?: number[]; training?: Record<string, unknown>; strategy?: Record<string, unknown> }): string {
  const plan = JSON.parse(readFileSync(join(REPO_ROOT, 'plans', 'uci-heart-fedavg.json'), 'utf8')) as Record<string, Record<string, unknown>>;
  plan.name = name as unknown as Record<string, unknown>;
  plan.rounds = overrides.rounds as unknown as Record<string, unknown>;
  plan.privacy = { ...plan.privacy, encryption: overrides.encryption };
  if (overrides.training !== undefined) plan.training = overrides.training;
  if (overrides.strategy !== undefined) plan.strategy = overrides.strategy;
  if (overrides.hidden !== undefined) plan.model = { kind: 'mlp', hidden: overrides.hidden };
  if (overrides.features !== undefined) plan.features = (plan.features as unknown as string[]).slice(0, overrides.features) as unknown as Record<string, unknown>;
  plan.consortium = {
    ...plan.consortium,
    sites: overrides.sites,
    minUpdates: overrides.minUpdates ?? overrides.sites.length,
    quorum: overrides.quorum ?? overrides.sites.length,
    roundDeadlineSeconds: overrides.roundDeadlineSeconds ?? 300,
  };
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify(plan, null, 2));
  return file;
}
