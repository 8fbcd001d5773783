// The real seams end to end: anvil on 127.0.0.1 with RoundLedger, CKKS (SEAL) with kit-sealed keys, three tfjs
// nodes and the coordinator over mutual-TLS gRPC; every committed model on chain is every site's computed model.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readModelDir } from '../../common/model/modelDir.ts';
import { modelHash } from '../../common/model/modelHash.ts';
import { startChain, type RunningChain } from '../../contracts/chain/startChain.ts';
import { authorizeCoordinator } from '../../contracts/chain/authorizeCoordinator.ts';
import { devWallet } from '../../contracts/chain/devAccounts.ts';
import { connectLedger } from '../../contracts/LedgerClient.ts';
import { coordinatorAggregation, coordinatorLedger } from '../../coordinator/wiring.ts';
import { startCoordinator, type RunningCoordinator } from '../../coordinator/startCoordinator.ts';
import type { TabularDataset } from '../../datasets/tabular.ts';
import { siteCodec, siteLedger } from '../../participant/wiring.ts';
import { runParticipant, type ParticipantResult } from '../../participant/node/runParticipant.ts';
import { SITES, testConsortium, testPlan, type TestConsortium } from './helpers/testConsortium.ts';

function dataset(seed: number, rows: number): TabularDataset {
  const features = Float32Array.from({ length: rows * 3 }, (_, i) => Math.cos(seed * 13 + i * 0.7));
  const labels = Float32Array.from({ length: rows }, (_, r) => ((features[r * 3] ?? 0) - (features[r * 3 + 2] ?? 0) > 0 ? 1 : 0));
  return { featureNames: ['x1', 'x2', 'x3'], features, labels, rows };
}

let chain: RunningChain;
let world: TestConsortium;
let coordinator: RunningCoordinator;
const stops: (() => Promise<void>)[] = [];
let results: ParticipantResult[];

/** What `medfl run` does for a fresh coordinator key: the ledger admin grants it COORDINATOR_ROLE and funds it. */
const enrolCoordinator = (address: string) => authorizeCoordinator(chain.rpcUrl, chain.ledgerAddress, devWallet(0).privateKey, address);

beforeAll(async () => {
  chain = await startChain({ port: 0 });
  world = await testConsortium(testPlan({ quorum: 3 }, 2, 'ckks'));
  const coordinatorKit = world.kits.coordinator!;
  await enrolCoordinator(coordinatorKit.consortium.coordinator.address);
  const ledger = await coordinatorLedger({ rpcUrl: chain.rpcUrl, ledgerAddress: chain.ledgerAddress, kit: coordinatorKit });
  coordinator = await startCoordinator({
    kitDir: world.kitDirs.coordinator!, plan: world.plan, storeDir: join(world.dir, 'store'), ledger, aggregation: coordinatorAggregation(world.plan),
  });
  results = await Promise.all(
    SITES.map((site, i) => {
      const node = runParticipant({
        kitDir: world.kitDirs[site]!,
        coordinator: coordinator.address,
        outDir: join(world.dir, 'out', site),
        splitFor: () => ({ site, train: dataset(i + 1, 50), test: dataset(i + 20, 20) }),
        codecFor: (plan, kit) => siteCodec(plan, kit),
        ledgerFor: (kit) => siteLedger({ rpcUrl: chain.rpcUrl, ledgerAddress: chain.ledgerAddress, kit }),
        backoff: { initialMs: 100, maxMs: 1000 },
      });
      stops.push(node.stop);
      return node.done;
    }),
  );
});

afterAll(async () => {
  await Promise.all(stops.map((stop) => stop()));
  await coordinator?.stop();
  await chain?.stop();
  world?.cleanup();
});

describe('coordinator and sites on the real ledger with CKKS', () => {
  it('commits every round on chain with the model hash each site computed', async () => {
    const reader = await connectLedger(chain.rpcUrl, chain.ledgerAddress, devWallet(1).privateKey);
    const runId = coordinator.engine.runId;
    expect(await reader.latestRound(runId)).toBe(2);
    const onChain = [(await reader.getRound(runId, 1))!.modelHash, (await reader.getRound(runId, 2))!.modelHash];
    for (const result of results) {
      expect(result.modelHash).toBe(onChain[1]);
      expect(modelHash(readModelDir(result.modelDir))).toBe(onChain[1]);
      const provenance = JSON.parse(readFileSync(join(result.modelDir, 'provenance.json'), 'utf8')) as Record<string, unknown>;
      expect(provenance).toMatchObject({ runId, round: 2, chainId: chain.chainId, ledgerAddress: chain.ledgerAddress, prevModelHash: onChain[0] });
      expect(provenance.txHash).toMatch(/^0x[0-9a-f]{64}$/);
    }
    expect(await reader.findRoundByModelHash(onChain[1]!)).toEqual({ runId, round: 2 });
  });

  it('keeps no CKKS key in the coordinator kit', () => {
    expect(readdirSync(world.kitDirs.coordinator!).filter((name) => name.includes('ckks'))).toEqual([]);
  });
});
