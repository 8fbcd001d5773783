// The coordinator and one site pool what they hold after a real threshold run (real processes, a real anvil): the
// coordinator's store (every site's uploaded c0) and the colluding site's kit and out folder (its seed, every key share
// sent to it). With t = 2 of 3 no decoding they can build recovers the victim's update; the positive control in the
// same file runs the same consortium with t = 1 (protection off: a key share is the whole secret), where it does.
import { describe, expect, it } from 'vitest';
import { startAdversarialRun, stopAdversarialRuns } from '../harness/adversarialRun.ts';
import { THREE_SITES } from '../harness/adversarialPlan.ts';
import { ATTACK_TEST_TIMEOUT_MS, useAdversarialRuns } from '../harness/runAttack.ts';
import { pearson } from '../../helpers/pearson.ts';
import { pooledDecryptions, recordedUpdate } from './pooledDecryption.ts';

useAdversarialRuns();

const VICTIM = 'va';
const COLLUDER = 'hungary';
/** 13 features into 320 hidden units: 4 801 weights, enough coordinates for a correlation to mean something. */
const HIDDEN = [320];

/** Runs one round with the victim recording its update, then stops every process (the store is the coordinator's). */
async function pooledAfterOneRound(name: string, decryptionThreshold: number) {
  const run = await startAdversarialRun({
    name, ...THREE_SITES, encryption: 'ckks', decryptionThreshold, hidden: HIDDEN, siteParties: { [VICTIM]: { attack: 'record-update', round: 1 } },
  });
  await run.coordinator.party.waitForJson((line) => (line.event === 'committed' && Number(line.round) >= 1 ? true : undefined), 240_000);
  await stopAdversarialRuns();
  const truth = recordedUpdate(run, VICTIM, 1);
  return { truth, decoded: await pooledDecryptions(run, { victim: VICTIM, colluder: COLLUDER, round: 1 }) };
}

describe('the coordinator and one site pool their data (real processes)', () => {
  it('t = 2 of 3: every decoding of the victim\'s update from the store and the colluder\'s kit is uncorrelated with it (|r| < 0.05)', async () => {
    const { truth, decoded } = await pooledAfterOneRound('collusion-t2', 2);
    expect(truth.update.length).toBeGreaterThanOrEqual(4096);
    for (const [name, values] of decoded) {
      const r = pearson(values, truth.update);
      expect({ name, uncorrelated: Math.abs(r) < 0.05 }, `r = ${r}`).toEqual({ name, uncorrelated: true });
    }
  }, ATTACK_TEST_TIMEOUT_MS);

  it('positive control, t = 1 (protection off): the colluder\'s key share of the victim\'s secret decodes its update (r > 0.999)', async () => {
    const { truth, decoded } = await pooledAfterOneRound('collusion-t1', 1);
    const r = pearson(decoded.get("colluder's key share of the victim's secret")!, truth.update);
    expect(r).toBeGreaterThan(0.999);
  }, ATTACK_TEST_TIMEOUT_MS);
});
