// Round wall time of the real system: `medfl run`'s processes (anvil, coordinator, one participant per hospital)
// on the demo's four synthetic hospitals, with the demo plan's model widened to a given size. A round is measured
// from one on-chain commit to the next, so it holds everything a round costs: task, local training, encrypt, upload,
// fold, close, fetch, decrypt, strategy, hash, attest, validation metrics and the mined commitRound. Beside it, the CPU
// seconds all the run's processes spent in that interval, which holds when other work shares the cores.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePlan } from '../../../common/plan/parsePlan.ts';
import type { Plan } from '../../../common/plan/planSchema.ts';
import { runLocalConsortium } from '../../../consortium/runLocalConsortium.ts';
import { REPO_ROOT } from '../../../datasets/paths.ts';
import { processTreeCpuSeconds } from '../../runner/processTreeCpuSeconds.ts';
import { hiddenFor } from './benchConsortium.ts';

export type Encryption = 'ckks' | 'ckks-shared-key' | 'plaintext';

export interface ConsortiumRounds {
  /** Seconds between consecutive commits (rounds 2..n; round 1 also holds process start-up). */
  readonly roundSeconds: number[];
  /** CPU seconds (user + system) of every process of the run over the same intervals; empty where /proc is absent. */
  readonly roundCpuSeconds: number[];
  readonly totalExamples: number;
}

/** The demo plan with a model of about `parameters` weights, every site required, and the given codec. */
export function roundBenchPlan(parameters: number, encryption: Encryption, rounds: number): Plan {
  const demo = JSON.parse(readFileSync(join(REPO_ROOT, 'plans', 'demo.json'), 'utf8')) as Record<string, Record<string, unknown>>;
  return parsePlan(
    {
      ...demo,
      name: `bench-round-${parameters}-${encryption}`,
      model: { ...demo.model, hidden: hiddenFor(parameters) },
      rounds,
      privacy: { ...demo.privacy, encryption },
      consortium: { ...demo.consortium, minUpdates: 4, quorum: 4, roundDeadlineSeconds: 600, onRoundFailure: 'stop' },
    },
    'round bench plan',
  );
}

/** Runs the plan to completion in `workDir` on the hospitals in `dataDir` and times each round after the first. */
export async function consortiumRounds(plan: Plan, dataDir: string, workDir: string): Promise<ConsortiumRounds> {
  const planFile = join(workDir, 'plan.json');
  writeFileSync(planFile, JSON.stringify(plan));
  const committedAt: number[] = [];
  const cpuAt: (number | null)[] = [];
  const onRound = () => {
    committedAt.push(performance.now());
    cpuAt.push(processTreeCpuSeconds());
  };
  const result = await runLocalConsortium({ planFile, data: dataDir, workDir: join(workDir, 'run'), onRound });
  const last = result.rounds.at(-1);
  if (result.runState !== 'COMPLETED' || !last || committedAt.length !== plan.rounds) {
    throw new Error(`bench run ${plan.name} ended ${result.runState} after ${committedAt.length} of ${plan.rounds} rounds; see ${workDir}`);
  }
  const between = (samples: (number | null)[], scale: number) => samples.slice(1).map((at, i) => (at! - samples[i]!) / scale);
  const roundCpuSeconds = cpuAt.includes(null) ? [] : between(cpuAt, 1);
  return { roundSeconds: between(committedAt, 1000), roundCpuSeconds, totalExamples: last.totalExamples };
}
