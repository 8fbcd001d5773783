import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nacl from 'tweetnacl';
import { afterAll, describe, expect, it } from 'vitest';
import { approvePlan } from '../../../common/kit/planApproval.ts';
import { isEnvelopeSignatureValid } from '../../../common/wire/envelopeSigning.ts';
import { chunksDigest } from '../../../common/wire/chunksDigest.ts';
import { childLogger } from '../../../common/log.ts';
import { planHash } from '../../../common/plan/planHash.ts';
import type { RoundTask } from '../../../common/wire/protocolTypes.ts';
import type { TabularDataset } from '../../../datasets/tabular.ts';
import { prepareUpdate, type ContributeContext } from '../../../participant/node/contributeRound.ts';
import { choosePlaintextParameters, createPlaintextCodec } from '../../../common/he/createPlaintextCodec.ts';
import type { Plan } from '../../../common/plan/planSchema.ts';
import { SiteControl } from '../../../participant/node/SiteControl.ts';
import { trainingSeed } from '../../../participant/node/trainingSeed.ts';
import { trainLocal } from '../../../participant/training/trainLocal.ts';
import { modelDelta } from '../../../participant/update/modelDelta.ts';
import { updatePipeline } from '../../../participant/update/updatePipeline.ts';
import { testPlan } from '../../coordinator/helpers/testConsortium.ts';
import { codec, global, progress } from './helpers/roundFixture.ts';
import { checkConsentMembership } from '../../../common/consent/checkConsentMembership.ts';
import { consentOpening, consentPseudonym } from '../../../common/consent/consentPseudonym.ts';
import { ConsentTree, NO_CONSENT_ROOT } from '../../../common/consent/consentTree.ts';
import { readConsentRecord } from '../../../participant/consent/consentRecord.ts';
import { siteConsentKey } from '../../../participant/consent/siteConsentKey.ts';

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
  minUpdates: 1, codecId: codec.codecId, chunkCount: codec.chunkCount, expectedSites: ['site-a'], proximalMu: 0, keyHolders: [],
};

/** Round 2's contribution context under `exampleCap`, for `basePlan`, with `extra` fields replaced. */
function contextFor(exampleCap: number, extra: Partial<ContributeContext> = {}, basePlan: Plan = plan): ContributeContext {
  return {
    kitDir, planHash: hash, codecId: codec.codecId, modelHash: progress.modelHash,
    ledger: { latestModel: async () => ({ round: 1, modelHash: progress.modelHash }), receiptSigner: () => '' },
    kit: { id: 'site-a', signingSecretKey: nacl.sign.keyPair().secretKey }, plan: basePlan, split: { train, trainPatients: ['p-1', 'p-2', 'p-3'] }, consent: { kitDir, outDir: kitDir, site: 'site-a' }, outDir: kitDir, codec, global, pipeline: updatePipeline(basePlan), exampleCap,
    client: {
      submitUpdate: () => Promise.reject(new Error('prepareUpdate never sends')),
      uploadOffset: () => Promise.reject(new Error('prepareUpdate never sends')),
    },
    addresses: { coordinator: '', site: '' },
    receipts: { saveReceipt: () => '', heldReceipt: () => undefined },
    log: childLogger('test'),
    ...extra,
  };
}

/** Prepares round 2's update under `exampleCap`; resolves with the signed envelope's example count. */
async function preparedExamples(exampleCap: number): Promise<number> {
  const { envelope } = await prepareUpdate(contextFor(exampleCap), task);
  return envelope.examples;
}

/** The training set, noting when training first reads its rows (`rows` alone is what the budget reads). */
function watchedTrain(events: string[]): TabularDataset {
  return {
    ...train,
    get features() {
      events.push('train');
      return train.features;
    },
  };
}

describe('prepareUpdate (in-process coordinator and ledger doubles)', () => {
  it("weights the update by the plan's cap, never more, when the site has more rows than the cap", async () => {
    expect(await preparedExamples(3)).toBe(3);
  });

  it('weights the update by its row count when that is within the cap', async () => {
    expect(await preparedExamples(100)).toBe(5);
  });

  it('SCAFFOLD with localSteps: trains with the correction c − c_i, sends concat(Δy, Δc) and keeps c_i + Δc pending', async () => {
    const scaffoldPlan: Plan = { ...plan, training: { optimizer: 'sgd', learningRate: 0.1, batchSize: 2, localSteps: 7 }, strategy: { name: 'scaffold' } };
    const parameters = global.weights.length;
    const sent: Float32Array[] = [];
    const wide = createPlaintextCodec(choosePlaintextParameters({ parameterCount: 2 * parameters, maxExamples: 100 }));
    const control = new SiteControl(kitDir, parameters);
    const c = Float32Array.from({ length: parameters }, (_, i) => 0.01 * (i + 1));
    const context: ContributeContext = {
      ...contextFor(100, {}, scaffoldPlan), codecId: wide.codecId,
      codec: { codecId: wide.codecId, sumCheck: wide.sumCheck, encryptUpdate: (update, examples) => (sent.push(update), wide.encryptUpdate(update, examples)) },
      scaffold: { control, strategyState: { step: 1, moments: { c } }, learningRate: 0.1 },
    };
    await prepareUpdate(context, { ...task, codecId: wide.codecId, chunkCount: wide.chunkCount });
    const update = sent[0]!;
    expect(update).toHaveLength(2 * parameters);
    // c_i is still zero, so the correction is c; the same seed trains the same local model.
    const local = await trainLocal(global, train, { training: scaffoldPlan.training, seed: trainingSeed(plan.seed, 'site-a', 2, 0), controlCorrection: c });
    expect(local.steps).toBe(7);
    expect(update.subarray(0, parameters)).toEqual(modelDelta(local.model.weights, global.weights));
    control.adopt({ runId: '1', round: 2, attempt: 0 });
    expect(control.current('1').control).toEqual(update.subarray(parameters));
  });

  it('reserves the privacy spend before training, with the task and the training rows, and signs the ε it returns', async () => {
    const events: string[] = [];
    const reserved: unknown[] = [];
    const privacySpend = {
      reserve(reservedTask: { runId: string; round: number; attempt: number }, trainingRows: number) {
        events.push('reserve');
        reserved.push([reservedTask.runId, reservedTask.round, reservedTask.attempt, trainingRows]);
        return 1_234_568;
      },
    };
    const keys = nacl.sign.keyPair();
    const context = contextFor(100, { privacySpend, split: { train: watchedTrain(events) }, kit: { id: 'site-a', signingSecretKey: keys.secretKey } });
    const { envelope } = await prepareUpdate(context, task);
    expect(events[0]).toBe('reserve');
    expect(events.filter((event) => event === 'reserve')).toHaveLength(1);
    expect(events).toContain('train');
    expect(reserved).toEqual([['1', 2, 0, 5]]);
    expect(envelope.epsilonMicros).toBe(1_234_568);
    expect(isEnvelopeSignatureValid(envelope, keys.publicKey)).toBe(true);
    expect(isEnvelopeSignatureValid({ ...envelope, epsilonMicros: 0 }, keys.publicKey)).toBe(false);
  });

  it('encrypts the update into a file under the out folder, kept before sending, whose chunks the envelope signs', async () => {
    const produced: Uint8Array[] = [];
    const context = contextFor(100, { codec: { ...codec, encryptUpdate: (update, examples) => (function* () {
      for (const chunk of codec.encryptUpdate(update, examples)) yield (produced.push(chunk), chunk);
    })() } });
    const { envelope, chunks } = await prepareUpdate(context, task);
    expect(chunks.path).toBe(join(kitDir, 'prepared-updates', '1', 'round-2-attempt-0.chunks'));
    expect([...chunks]).toEqual(produced);
    expect(envelope.chunkCount).toBe(produced.length);
    expect(envelope.digest).toBe(chunksDigest(produced));
    chunks.discard();
    expect(existsSync(chunks.path)).toBe(false);
  });

  it('declares 0 ε without a privacy budget (a plan without DP-SGD)', async () => {
    const { envelope } = await prepareUpdate(contextFor(100), task);
    expect(envelope.epsilonMicros).toBe(0);
  });

  it('trains on nothing when the budget refuses the round', async () => {
    const events: string[] = [];
    const refusal = new Error('budget double: exhausted');
    const privacySpend = { reserve: () => { throw refusal; } };
    await expect(prepareUpdate(contextFor(100, { privacySpend, split: { train: watchedTrain(events) } }), task)).rejects.toBe(refusal);
    expect(events).toEqual([]);
  });

  it('signs the consent root of the patients it trains on and records their pseudonyms first', async () => {
    const keys = nacl.sign.keyPair();
    const { envelope } = await prepareUpdate(contextFor(100, { kit: { id: 'site-a', signingSecretKey: keys.secretKey } }), task);
    const record = readConsentRecord(kitDir, 2);
    expect(record).toMatchObject({ runId: '1', round: 2, site: 'site-a', consentRoot: envelope.consentRoot });
    expect(new ConsentTree(record.pseudonyms).root).toBe(envelope.consentRoot);
    const key = siteConsentKey(kitDir, { create: false });
    const pseudonym = consentPseudonym('p-2', consentOpening(key, '1', 'p-2'));
    expect(checkConsentMembership(envelope.consentRoot, pseudonym, new ConsentTree(record.pseudonyms).membership(pseudonym))).toBe(true);
    expect(isEnvelopeSignatureValid({ ...envelope, consentRoot: NO_CONSENT_ROOT }, keys.publicKey)).toBe(false);
  });

  it('signs NO_CONSENT_ROOT for data without patient ids', async () => {
    const { envelope } = await prepareUpdate(contextFor(100, { split: { train } }), task);
    expect(envelope.consentRoot).toBe(NO_CONSENT_ROOT);
  });
});
