// A threshold CKKS run for coordinator tests: a provisioned consortium with a 'ckks' plan, key holders recorded in the
// real store before the coordinator starts, the real threshold aggregation, and the in-memory ledger double.
import { join } from 'node:path';
import type { CkksParameters } from '../../../common/he/ckksParameters.ts';
import type { Plan } from '../../../common/plan/planSchema.ts';
import type { KeyShareEntry } from '../../../common/wire/protocolTypes.ts';
import { runCodecParameters } from '../../../common/wire/runCodecParameters.ts';
import { startCoordinator, type RunningCoordinator } from '../../../coordinator/startCoordinator.ts';
import { RoundStore } from '../../../coordinator/store/RoundStore.ts';
import { coordinatorAggregation } from '../../../coordinator/wiring.ts';
import { CoordinatorClient } from '../../../participant/node/CoordinatorClient.ts';
import { MemoryLedger } from './roundDoubles.ts';
import { shareClient, type ShareClient } from './shareClient.ts';
import { testConsortium, testPlan, type TestConsortium } from './testConsortium.ts';
import { thresholdSites, type ThresholdSites } from './thresholdSites.ts';

/** MemoryLedger names its first run '1': key shares stored for it before the start are this run's. */
const RUN_ID = '1';

export interface ThresholdRun {
  readonly world: TestConsortium;
  readonly ledger: MemoryLedger;
  readonly sites: ThresholdSites;
  readonly coordinator: () => RunningCoordinator;
  /** Stops the coordinator (its store stays) and starts a new one on the same store and ledger. */
  restart(): Promise<RunningCoordinator>;
  client(site: string): CoordinatorClient;
  shares(site: string): ShareClient;
  cleanup(): Promise<void>;
}

/** One complete key-share submission per holder, as SubmitKeyShares stores it (the entries' bytes do not matter here). */
async function recordKeyHolders(storeDir: string, plan: Plan, codecId: string, holders: readonly string[]): Promise<void> {
  const store = RoundStore.open(storeDir);
  try {
    for (const fromSite of holders) {
      const entries: KeyShareEntry[] = plan.consortium.sites.filter((to) => to !== fromSite).map((toSite) => ({
        runId: RUN_ID, codecId, fromSite, toSite, threshold: 2, payloadSealed: new Uint8Array(8), nonce: new Uint8Array(24), signature: new Uint8Array(64),
      }));
      await store.putKeySharesOnce(RUN_ID, fromSite, entries);
    }
  } finally {
    await store.close();
  }
}

export async function thresholdRun(overrides: Partial<Plan['consortium']>, holders: readonly string[] = ['site-a', 'site-b', 'site-c']): Promise<ThresholdRun> {
  const world = await testConsortium(testPlan(overrides, 2, 'ckks'));
  const { plan } = world;
  const params = runCodecParameters(plan) as CkksParameters;
  const storeDir = join(world.dir, 'store');
  await recordKeyHolders(storeDir, plan, params.codecId, holders);
  const ledger = new MemoryLedger();
  const sites = await thresholdSites(params, plan.consortium.sites);
  const start = () => startCoordinator({ kitDir: world.kitDirs.coordinator!, plan, storeDir, ledger, aggregation: coordinatorAggregation(plan), limits: { uploadIdleMs: 500 } });
  let running = await start();
  const closers: (() => void)[] = [];
  return {
    world, ledger, sites,
    coordinator: () => running,
    async restart() {
      await running.stop();
      running = await start();
      return running;
    },
    client(site) {
      const client = CoordinatorClient.connect(running.address, world.kits[site]!.tls, world.kits.coordinator!.consortium.coordinator);
      closers.push(() => client.close());
      return client;
    },
    shares(site) {
      const client = shareClient(running.address, world.kits[site]!, world.kits.coordinator!);
      closers.push(() => client.close());
      return client;
    },
    async cleanup() {
      for (const close of closers) close();
      await running.stop();
      sites.dispose();
      world.cleanup();
    },
  };
}
