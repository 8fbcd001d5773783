// Three real nodes (tfjs training, mTLS gRPC) follow a real coordinator on 127.0.0.1 through two committed rounds.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readModelDir } from '../../../common/model/modelDir.ts';
import { modelHash } from '../../../common/model/modelHash.ts';
import { startCoordinator, type RunningCoordinator } from '../../../coordinator/startCoordinator.ts';
import type { SiteSplit, TabularDataset } from '../../../datasets/tabular.ts';
import { runParticipant, type ParticipantResult } from '../../../participant/node/runParticipant.ts';
import { MemoryLedger, plaintextAggregation, plaintextCodec } from '../../coordinator/helpers/roundDoubles.ts';
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

let world: TestConsortium;
let ledger: MemoryLedger;
let coordinator: RunningCoordinator;
const stops: (() => Promise<void>)[] = [];

function participant(site: string, seed: number, outDir: string, coordinatorAddress = coordinator.address) {
  const node = runParticipant({
    kitDir: world.kitDirs[site]!,
    coordinator: coordinatorAddress,
    outDir,
    split: split(site, seed),
    codecFor: () => plaintextCodec(world.parameters),
    ledgerFor: (kit) => ledger.siteLedger(kit.ethPrivateKey),
    backoff: { initialMs: 50, maxMs: 500 },
  });
  stops.push(node.stop);
  return node;
}

beforeAll(async () => {
  world = await testConsortium();
  ledger = new MemoryLedger();
  coordinator = await startCoordinator({
    kitDir: world.kitDirs.coordinator!, plan: world.plan, storeDir: join(world.dir, 'store'), ledger, aggregation: plaintextAggregation(world.parameters),
  });
});

afterAll(async () => {
  await Promise.all(stops.map((stop) => stop()));
  await coordinator.stop();
  world.cleanup();
});

describe('runParticipant', () => {
  it('trains, submits, attests and adopts every committed round; all sites end on the chain\'s model', async () => {
    const results: ParticipantResult[] = await Promise.all(SITES.map((site, i) => participant(site, i + 1, join(world.dir, 'out', site)).done));
    expect(ledger.commits.map((commit) => commit.round)).toEqual([1, 2]);
    const finalHash = ledger.commits[1]!.modelHash;
    for (const [i, result] of results.entries()) {
      expect(result).toMatchObject({ round: 2, modelHash: finalHash });
      expect(modelHash(readModelDir(result.modelDir))).toBe(finalHash);
      const site = SITES[i]!;
      const lines = readFileSync(join(world.dir, 'out', site, 'metrics.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(lines.map((line) => line.round)).toEqual([1, 2]);
      expect(lines[1]).toMatchObject({ site, modelHash: finalHash, examples: 20 });
      const provenance = JSON.parse(readFileSync(join(result.modelDir, 'provenance.json'), 'utf8')) as Record<string, unknown>;
      expect(provenance).toMatchObject({ runId: 'run-1', round: 2, modelHash: finalHash, prevModelHash: ledger.commits[0]!.modelHash });
    }
    expect(ledger.commits[0]!.contributions.map((leaf) => leaf.site)).toEqual([...SITES]);
    expect(ledger.commits[0]!.totalExamples).toBe(48 + 56 + 64);
    expect(coordinator.engine.status()).toMatchObject({ runState: 'COMPLETED', lastCommit: { round: 2 } });
  });

  it('refuses to run a plan its operator has not approved', async () => {
    const other = testPlan({}, 3);
    const store = join(world.dir, 'store-unapproved');
    const unapproved = await startCoordinator({ kitDir: world.kitDirs.coordinator!, plan: other, storeDir: store, ledger: new MemoryLedger(), aggregation: plaintextAggregation(world.parameters) });
    try {
      const outDir = join(world.dir, 'out-unapproved');
      await expect(participant('site-a', 1, outDir, unapproved.address).done).rejects.toThrow(/^plan 0x[0-9a-f]{64} is not approved for this node/);
      expect(existsSync(join(outDir, 'model'))).toBe(false);
    } finally {
      await unapproved.stop();
    }
  });
});
