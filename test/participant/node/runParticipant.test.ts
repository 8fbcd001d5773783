// Three real nodes (tfjs training, mTLS gRPC) follow a real coordinator on 127.0.0.1 through two committed rounds,
// once with real CKKS (SEAL) and once with the plaintext codec: same models to 1e-5, every site on the chain's hash.
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { MedflError } from '../../../common/MedflError.ts';
import { readModelDir } from '../../../common/model/modelDir.ts';
import { planHash } from '../../../common/plan/planHash.ts';
import type { Plan } from '../../../common/plan/planSchema.ts';
import { modelHash } from '../../../common/model/modelHash.ts';
import { coordinatorAggregation } from '../../../coordinator/wiring.ts';
import { startCoordinator, type RunningCoordinator } from '../../../coordinator/startCoordinator.ts';
import type { SiteSplit, TabularDataset } from '../../../datasets/tabular.ts';
import { siteCodec } from '../../../participant/wiring.ts';
import { runParticipant, type ParticipantResult } from '../../../participant/node/runParticipant.ts';
import { SiteState } from '../../../participant/node/SiteState.ts';
import { MemoryLedger } from '../../coordinator/helpers/roundDoubles.ts';
import { SITES, testConsortium, testPlan, type TestConsortium } from '../../coordinator/helpers/testConsortium.ts';

function dataset(seed: number, rows: number): TabularDataset {
  const features = new Float32Array(rows * 3);
  const labels = new Float32Array(rows);
  for (let r = 0; r < rows; r += 1) {
    for (let c = 0; c < 3; c += 1) features[r * 3 + c] = Math.sin(seed * 31 + r * 7 + c * 3);
    labels[r] = (features[r * 3] ?? 0) + 0.5 * (features[r * 3 + 1] ?? 0) > 0 ? 1 : 0;
  }
  return { featureNames: ['x1', 'x2', 'x3'], features, labels, rows };
}

const split = (site: string, seed: number): SiteSplit => ({ site, train: dataset(seed, 40 + seed * 8), test: dataset(seed + 100, 20) });

interface Federation {
  world: TestConsortium;
  /** The plan each node's `splitFor` was called with. */
  splitPlans: Plan[];
  ledger: MemoryLedger;
  coordinator: RunningCoordinator;
  stops: (() => Promise<void>)[];
}

const federations: Federation[] = [];

/** The single-key codec's flow ('ckks-shared-key'); threshold CKKS needs the coordinator's decryption phase too. */
async function federation(encryption: 'ckks-shared-key' | 'plaintext', consortium: Parameters<typeof testPlan>[0] = {}): Promise<Federation> {
  const base = testPlan(consortium, 2, encryption === 'plaintext' ? 'plaintext' : 'ckks');
  const world = await testConsortium({ ...base, privacy: { ...base.privacy, encryption } });
  const ledger = new MemoryLedger(world.kits.coordinator!.ethPrivateKey);
  const coordinator = await startCoordinator({
    kitDir: world.kitDirs.coordinator!, plan: world.plan, storeDir: join(world.dir, 'store'), ledger, aggregation: coordinatorAggregation(world.plan),
  });
  const made = { world, ledger, coordinator, stops: [], splitPlans: [] };
  federations.push(made);
  return made;
}

function participant(f: Federation, site: string, seed: number, outDir: string, coordinatorAddress = f.coordinator.address, data = split(site, seed)) {
  const node = runParticipant({
    kitDir: f.world.kitDirs[site]!,
    coordinator: coordinatorAddress,
    outDir,
    splitFor: (plan) => {
      f.splitPlans.push(plan);
      return data;
    },
    codecFor: (plan, kit) => siteCodec(plan, kit),
    ledgerFor: (kit) => f.ledger.siteLedger(kit.ethPrivateKey),
    backoff: { initialMs: 50, maxMs: 500 },
  });
  f.stops.push(node.stop);
  return node;
}

const runAll = (f: Federation): Promise<ParticipantResult[]> =>
  Promise.all(SITES.map((site, i) => participant(f, site, i + 1, join(f.world.dir, 'out', site)).done));

let plain: Federation;
let ckks: Federation;
let plainResults: ParticipantResult[];
let ckksResults: ParticipantResult[];

beforeAll(async () => {
  plain = await federation('plaintext');
  ckks = await federation('ckks-shared-key');
  plainResults = await runAll(plain);
  ckksResults = await runAll(ckks);
});

afterAll(async () => {
  for (const f of federations) {
    await Promise.all(f.stops.map((stop) => stop()));
    await f.coordinator.stop();
    f.world.cleanup();
  }
});

describe('runParticipant (real coordinator over mTLS gRPC, in-memory ledger double)', () => {
  it('trains, submits, attests and adopts every committed round; all sites end on the chain\'s model', () => {
    for (const [f, results] of [[plain, plainResults], [ckks, ckksResults]] as const) {
      expect(f.ledger.commits.map((commit) => commit.round)).toEqual([1, 2]);
      const finalHash = f.ledger.commits[1]!.modelHash;
      for (const result of results) {
        expect(result).toMatchObject({ round: 2, modelHash: finalHash });
        expect(modelHash(readModelDir(result.modelDir))).toBe(finalHash);
      }
      expect(f.ledger.commits[0]!.contributions.map((leaf) => leaf.site)).toEqual([...SITES]);
      expect(f.ledger.commits[0]!.totalExamples).toBe(48 + 56 + 64);
      expect(f.coordinator.engine.status()).toMatchObject({ runState: 'COMPLETED', lastCommit: { round: 2 } });
      // Each node read its data for round 1 and again for round 2 (a Consent withdrawn in between takes effect), every
      // time for the coordinator's plan (which decides the features, outcome and split).
      expect(f.splitPlans.map(planHash)).toEqual([...SITES, ...SITES].map(() => planHash(f.world.plan)));
    }
  });

  it('keeps the coordinator\'s checked receipt for each of its updates, naming the digest its committed leaf carries', () => {
    for (const site of SITES) {
      const address = ckks.world.kits[site]!.consortium.sites.find((entry) => entry.id === site)!.address;
      for (const [index, commit] of ckks.ledger.commits.entries()) {
        const held = new SiteState(join(ckks.world.dir, 'out', site)).heldReceipt('1', index + 1, 0);
        const leaf = commit.contributions.find((entry) => entry.site === site)!;
        expect(held).toMatchObject({ receipt: { runId: '1', round: index + 1, attempt: 0, site: address, digest: leaf.digest }, examples: leaf.examples });
        const signer = ckks.ledger.siteLedger(ckks.world.kits[site]!.ethPrivateKey).receiptSigner(held!.receipt, held!.receipt.signature);
        expect(signer).toBe(ckks.world.kits.coordinator!.consortium.coordinator.address);
      }
    }
  });

  it('writes metrics.jsonl and provenance.json next to the model', () => {
    const finalHash = ckks.ledger.commits[1]!.modelHash;
    for (const [i, result] of ckksResults.entries()) {
      const site = SITES[i]!;
      const lines = readFileSync(join(ckks.world.dir, 'out', site, 'metrics.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(lines.map((line) => line.round)).toEqual([1, 2]);
      expect(lines[1]).toMatchObject({ site, modelHash: finalHash, examples: 20 });
      const provenance = JSON.parse(readFileSync(join(result.modelDir, 'provenance.json'), 'utf8')) as Record<string, unknown>;
      expect(provenance).toMatchObject({ runId: '1', round: 2, modelHash: finalHash, prevModelHash: ckks.ledger.commits[0]!.modelHash });
    }
  });

  it('gives the CKKS run the plaintext run\'s model to 1e-5, and the coordinator\'s store holds ciphertexts only', () => {
    const encrypted = readModelDir(ckksResults[0]!.modelDir).weights;
    const plainWeights = readModelDir(plainResults[0]!.modelDir).weights;
    expect(encrypted.length).toBe(plainWeights.length);
    encrypted.forEach((value, i) => expect(Math.abs(value - (plainWeights[i] ?? Number.NaN))).toBeLessThan(1e-5));
    expect(ckks.coordinator.engine.options.aggregation.codecId).not.toBe(plain.coordinator.engine.options.aggregation.codecId);
    expect(readdirSync(join(ckks.world.dir, 'store')).length).toBeGreaterThan(0);
    expect(existsSync(join(ckks.world.dir, 'kits', 'coordinator', 'ckks.sealed'))).toBe(false);
  });

  it('lets a node that joins late catch up by replaying committed aggregates, then take part', async () => {
    // Round 1 closes at its 5 s deadline with two updates; site-c joins at once and is in time for round 2.
    const late = await federation('plaintext', { roundDeadlineSeconds: 5 });
    const early = ['site-a', 'site-b'].map((site, i) => participant(late, site, i + 1, join(late.world.dir, 'out', site)).done);
    // The commit is recorded a moment before round 2 opens: wait for both, not just the first.
    for (let i = 0; i < 1000 && !(late.coordinator.engine.status().lastCommit && late.coordinator.engine.status().round === 2); i += 1) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(late.coordinator.engine.status()).toMatchObject({ round: 2, lastCommit: { round: 1 } });
    const joined = await participant(late, 'site-c', 3, join(late.world.dir, 'out', 'site-c')).done;
    const results = [...(await Promise.all(early)), joined];
    expect(late.ledger.commits[1]!.contributions.map((leaf) => leaf.site)).toEqual([...SITES]);
    for (const result of results) expect(result).toMatchObject({ round: 2, modelHash: late.ledger.commits[1]!.modelHash });
    const lines = readFileSync(join(late.world.dir, 'out', 'site-c', 'metrics.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.map((line) => [line.round, line.trainLoss === null])).toEqual([[1, true], [2, false]]);
  });

  it('a node restarted after its CKKS update was accepted attests the round (its fresh encryption is a duplicate)', async () => {
    const f = await federation('ckks-shared-key', { roundDeadlineSeconds: 60 });
    const first = participant(f, 'site-a', 1, join(f.world.dir, 'out', 'site-a-first'));
    for (let i = 0; i < 1000 && !f.coordinator.engine.status().updatesIn.includes('site-a'); i += 1) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(f.coordinator.engine.status().updatesIn).toEqual(['site-a']);
    await first.stop();
    const restarted = participant(f, 'site-a', 1, join(f.world.dir, 'out', 'site-a')).done;
    const others = ['site-b', 'site-c'].map((site, i) => participant(f, site, i + 2, join(f.world.dir, 'out', site)).done);
    const results = await Promise.all([restarted, ...others]);
    expect(f.ledger.commits[0]!.contributions.map((leaf) => leaf.site)).toEqual([...SITES]);
    for (const result of results) expect(result).toMatchObject({ round: 2, modelHash: f.ledger.commits[1]!.modelHash });
  });

  it('a node restarted in the same --out after its update was receipted still holds that receipt, and the committed leaf is that update', async () => {
    const f = await federation('ckks-shared-key', { roundDeadlineSeconds: 60 });
    const outDir = join(f.world.dir, 'out', 'site-a');
    const state = new SiteState(outDir);
    const first = participant(f, 'site-a', 1, outDir);
    for (let i = 0; i < 1000 && !state.heldReceipt('1', 1, 0); i += 1) await new Promise((resolve) => setTimeout(resolve, 20));
    await first.stop();
    const held = state.heldReceipt('1', 1, 0);
    expect(held?.receipt.digest).toMatch(/^0x[0-9a-f]{64}$/);
    const results = await Promise.all([participant(f, 'site-a', 1, outDir).done, ...['site-b', 'site-c'].map((site, i) => participant(f, site, i + 2, join(f.world.dir, 'out', site)).done)]);
    for (const result of results) expect(result).toMatchObject({ round: 2, modelHash: f.ledger.commits[1]!.modelHash });
    expect(f.ledger.commits[0]!.contributions.find((leaf) => leaf.site === 'site-a')).toMatchObject({ digest: held!.receipt.digest, examples: held!.examples });
  });

  it('a node whose reply to an accepted update was lost sends the very same update again and keeps the original receipt', async () => {
    const f = await federation('ckks-shared-key');
    const engine = f.coordinator.engine;
    const begin = engine.beginUpdate.bind(engine);
    const sent: string[] = [];
    let lose = true;
    // The other sites' round-1 uploads are held until site-a sends again, so the round cannot close (and commit
    // without site-a) before its resend: otherwise the test would race the node's reconnect back-off.
    let resent = () => {};
    const resend = new Promise<void>((resolve) => (resent = resolve));
    vi.spyOn(engine, 'beginUpdate').mockImplementation((peer) => {
      const intake = begin(peer);
      const finish = intake.finish.bind(intake);
      if (peer.id !== 'site-a') {
        intake.finish = async () => (await resend, finish());
        return intake;
      }
      const open = intake.open.bind(intake);
      intake.open = (envelope) => {
        if (envelope.round === 1 && sent.push(envelope.digest) === 2) resent();
        open(envelope);
      };
      intake.finish = async () => {
        const receipt = await finish();
        if (!lose) return receipt;
        lose = false;
        throw new MedflError('TRANSPORT_UNAVAILABLE', 'the connection dropped before the reply');
      };
      return intake;
    });
    await Promise.all(SITES.map((site, i) => participant(f, site, i + 1, join(f.world.dir, 'out', site)).done));
    const leaf = f.ledger.commits[0]!.contributions.find((entry) => entry.site === 'site-a')!;
    expect(sent).toEqual([leaf.digest, leaf.digest]);
    expect(new SiteState(join(f.world.dir, 'out', 'site-a')).heldReceipt('1', 1, 0)?.receipt.digest).toBe(leaf.digest);
  });

  it('commits rounds when a site\'s test split holds no positive case: that site attests AUROC and AUPRC null (real coordinator and gRPC, in-memory ledger double)', async () => {
    const f = await federation('plaintext');
    const noPositives = (data: TabularDataset): TabularDataset => ({ ...data, labels: new Float32Array(data.rows) });
    const small = split('site-c', 3);
    const results = await Promise.all(SITES.map((site, i) => {
      const data = site === 'site-c' ? { ...small, test: noPositives(small.test) } : split(site, i + 1);
      return participant(f, site, i + 1, join(f.world.dir, 'out', site), f.coordinator.address, data).done;
    }));
    expect(f.ledger.commits.map((commit) => commit.round)).toEqual([1, 2]);
    for (const result of results) expect(result).toMatchObject({ round: 2, modelHash: f.ledger.commits[1]!.modelHash });
    const reported = Object.fromEntries(f.coordinator.engine.status().lastCommit!.siteMetrics.map(({ site, metrics }) => [site, metrics]));
    expect(reported['site-c']).toMatchObject({ auroc: null, auprc: null, positiveRate: 0, examples: 20 });
    expect(reported['site-a']?.auroc).toEqual(expect.any(Number));
    const lines = readFileSync(join(f.world.dir, 'out', 'site-c', 'metrics.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.map((line) => [line.round, line.auroc, line.auprc])).toEqual([[1, null, null], [2, null, null]]);
  });

  it('refuses to run a plan its operator has not approved', async () => {
    const other = testPlan({}, 3);
    const unapproved = await startCoordinator({
      kitDir: plain.world.kitDirs.coordinator!, plan: other, storeDir: join(plain.world.dir, 'store-unapproved'), ledger: new MemoryLedger(), aggregation: coordinatorAggregation(other),
    });
    try {
      const outDir = join(plain.world.dir, 'out-unapproved');
      await expect(participant(plain, 'site-a', 1, outDir, unapproved.address).done).rejects.toThrow(/^plan 0x[0-9a-f]{64} is not approved for this node/);
      expect(existsSync(join(outDir, 'model'))).toBe(false);
      expect(plain.splitPlans.map(planHash)).not.toContain(planHash(other));
    } finally {
      await unapproved.stop();
    }
  });

  it('names a truncated tls.key as KIT_INVALID at load, before any connection', () => {
    const kitDir = join(plain.world.dir, 'kit-damaged');
    cpSync(plain.world.kitDirs['site-a']!, kitDir, { recursive: true });
    const key = readFileSync(join(kitDir, 'tls.key'), 'utf8');
    writeFileSync(join(kitDir, 'tls.key'), key.slice(0, key.length / 2));
    const start = () => runParticipant({
      kitDir, coordinator: plain.coordinator.address, outDir: join(plain.world.dir, 'out-damaged'), splitFor: () => split('site-a', 1),
      codecFor: (plan, kit) => siteCodec(plan, kit), ledgerFor: (kit) => plain.ledger.siteLedger(kit.ethPrivateKey),
    });
    expect(start).toThrow(expect.objectContaining({ code: 'KIT_INVALID', message: expect.stringMatching(new RegExp(`^${join(kitDir, 'tls.key')} is not a usable private key`)) }));
  });

  it('never retries an unforeseen (INTERNAL) failure: the node ends with it', async () => {
    const node = runParticipant({
      kitDir: plain.world.kitDirs['site-a']!, coordinator: plain.coordinator.address, outDir: join(plain.world.dir, 'out-internal'), splitFor: () => split('site-a', 1),
      codecFor: () => { throw new TypeError('codec exploded'); },
      ledgerFor: (kit) => plain.ledger.siteLedger(kit.ethPrivateKey),
      backoff: { initialMs: 10, maxMs: 10 },
    });
    plain.stops.push(node.stop);
    await expect(node.done).rejects.toMatchObject({ code: 'INTERNAL', message: expect.stringContaining('codec exploded') });
  });
});
