// Dropouts under threshold CKKS, real processes and a real anvil: of four sites with t = 2, one leaves right after its
// upload is acknowledged and one (a decryptor) leaves when it would send its decryption share. The attempt with the
// missing share fails; the next one commits over the two sites left, and its model is plaintext FedAvg over exactly
// those sites' updates (recorded by each site as it encrypted them) to 1e-5.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { genesisModel } from '../../../common/model/genesis.ts';
import { readModelDir } from '../../../common/model/modelDir.ts';
import { loadPlan } from '../../../common/plan/loadPlan.ts';
import { createStrategy } from '../../../common/strategies/createStrategy.ts';
import { nextGlobalModel } from '../../../participant/node/nextGlobalModel.ts';
import { startAdversarialRun } from '../harness/adversarialRun.ts';
import { ATTACK_TEST_TIMEOUT_MS, useAdversarialRuns } from '../harness/runAttack.ts';
import { recordedUpdate } from './pooledDecryption.ts';

useAdversarialRuns();

const COUNTED = ['cleveland', 'va'];

/** Polls `done` every 250 ms until it holds, or throws after `ms`. */
async function until(done: () => boolean, ms: number): Promise<void> {
  for (const end = Date.now() + ms; !done(); await new Promise((resolve) => setTimeout(resolve, 250))) {
    if (Date.now() > end) throw new Error(`not done within ${ms} ms`);
  }
}

describe('sites leave mid-round under threshold CKKS (real processes)', () => {
  it('one after its upload, a decryptor before its share: round 1 commits over the sites left, equal to their plaintext FedAvg to 1e-5', async () => {
    const run = await startAdversarialRun({
      name: 'dropout', sites: ['cleveland', 'hungary', 'switzerland', 'va'], minUpdates: 2, quorum: 2, encryption: 'ckks', decryptionThreshold: 2,
      onRoundFailure: 'retry', maxRetries: 2, roundDeadlineSeconds: 30,
      siteParties: {
        switzerland: { attack: 'leave-after-upload', round: 1 },
        hungary: { attack: 'leave-before-share', round: 1 },
        cleveland: { attack: 'record-update', round: 1 },
        va: { attack: 'record-update', round: 1 },
      },
    });
    await run.coordinator.party.waitForJson((line) => (line.event === 'committed' && Number(line.round) === 1 ? true : undefined), 240_000);
    expect(await run.ledger.latestRound(run.runId)).toBeGreaterThanOrEqual(1);
    const log = run.coordinator.log();
    expect(log.some((line) => line.msg === 'round failed' && line.round === 1), 'the attempt missing a share failed').toBe(true);

    const plan = loadPlan(run.planFile);
    const recorded = COUNTED.map((site) => recordedUpdate(run, site, 1));
    const total = recorded.reduce((sum, { examples }) => sum + examples, 0);
    const mean = new Float32Array(recorded[0]!.update.length);
    for (const { examples, update } of recorded) update.forEach((value, i) => (mean[i] = mean[i]! + (value * examples) / total));
    const strategy = createStrategy(plan.strategy, plan.consortium);
    const expected = nextGlobalModel(genesisModel(plan), mean, strategy, strategy.initialState()).model.weights;
    await until(() => run.sites.cleveland!.log().some((line) => line.msg === 'committed model adopted' && line.round === 1), 120_000);
    // Both parties log their memory with the round: the coordinator as it commits, the site as it adopts the model.
    const committedLine = log.find((line) => line.msg === 'round committed' && line.round === 1);
    const adoptedLine = run.sites.cleveland!.log().find((line) => line.msg === 'committed model adopted' && line.round === 1);
    for (const line of [committedLine, adoptedLine]) {
      const memory = line?.memory as { rssMb: number; heapUsedMb: number; heapAfterGcMb: number | null } | undefined;
      expect(memory?.heapUsedMb, JSON.stringify(line)).toBeGreaterThan(1);
      expect(memory!.rssMb).toBeGreaterThan(memory!.heapUsedMb);
      expect(memory).toHaveProperty('heapAfterGcMb');
      expect(memory!.heapAfterGcMb === null || (memory!.heapAfterGcMb > 1 && memory!.heapAfterGcMb < memory!.rssMb)).toBe(true);
    }
    const actual = readModelDir(join(run.dir, 'sites', 'cleveland', 'model')).weights;
    const worst = actual.reduce((w, value, i) => Math.max(w, Math.abs(value - expected[i]!)), 0);
    expect(worst).toBeLessThan(1e-5);
  }, ATTACK_TEST_TIMEOUT_MS);
});
