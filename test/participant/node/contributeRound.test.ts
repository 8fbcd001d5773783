import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nacl from 'tweetnacl';
import { afterAll, describe, expect, it } from 'vitest';
import { approvePlan } from '../../../common/kit/planApproval.ts';
import { childLogger } from '../../../common/log.ts';
import { planHash } from '../../../common/plan/planHash.ts';
import type { RoundTask, UpdateEnvelope } from '../../../common/wire/protocolTypes.ts';
import type { TabularDataset } from '../../../datasets/tabular.ts';
import { contributeRound, type ContributeContext } from '../../../participant/node/contributeRound.ts';
import { updatePipeline } from '../../../participant/update/updatePipeline.ts';
import { testPlan } from '../../coordinator/helpers/testConsortium.ts';
import { codec, global, progress } from './helpers/roundFixture.ts';

const plan = testPlan();
const hash = planHash(plan);
const kitDir = mkdtempSync(join(tmpdir(), 'medfl-contribute-'));
afterAll(() => rmSync(kitDir, { recursive: true, force: true }));
approvePlan(kitDir, { planHash: hash, name: plan.name });

/** Five training rows over the test plan's three features. */
const train: TabularDataset = {
  featureNames: ['x1', 'x2', 'x3'], rows: 5,
  features: Float32Array.from([1, 0, -1, -1, 0, 1, 0.5, 0.5, 0, 0, 1, 1, -1, -1, 0]), labels: Float32Array.from([1, 0, 1, 0, 1]),
};
const task: RoundTask = {
  runId: '1', round: 2, attempt: 0, planHash: hash, prevModelHash: progress.modelHash, deadlineUnixMs: 0,
  minUpdates: 1, codecId: codec.codecId, chunkCount: codec.chunkCount, expectedSites: ['site-a'], proximalMu: 0,
};

/** Contributes round 2 under `exampleCap`; resolves with what was returned and the envelope the coordinator double got. */
async function contribute(exampleCap: number): Promise<{ examples: number; sent: UpdateEnvelope }> {
  let sent: UpdateEnvelope | undefined;
  const context: ContributeContext = {
    kitDir, planHash: hash, codecId: codec.codecId, modelHash: progress.modelHash,
    ledger: { latestModel: async () => ({ round: 1, modelHash: progress.modelHash }) },
    kit: { id: 'site-a', signingSecretKey: nacl.sign.keyPair().secretKey }, plan, train, codec, global, pipeline: updatePipeline(plan), exampleCap,
    client: {
      async submitUpdate(envelope) {
        sent = envelope;
        return { round: 2, digest: envelope.digest, updatesIn: 1 };
      },
    },
    log: childLogger('test'),
  };
  const { examples } = await contributeRound(context, task);
  return { examples, sent: sent! };
}

describe('contributeRound (in-process coordinator and ledger doubles)', () => {
  it("weights the update by the plan's cap, never more, when the site has more rows than the cap", async () => {
    const capped = await contribute(3);
    expect(capped.sent.examples).toBe(3);
    expect(capped.examples).toBe(3);
  });

  it('weights the update by its row count when that is within the cap', async () => {
    const { sent } = await contribute(100);
    expect(sent.examples).toBe(5);
  });
});
