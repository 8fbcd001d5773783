// Peak RSS of a real `medfl coordinator` process collecting one CKKS round from N simulated sites (4 upload at a
// time), read from /proc: VmHWM, and the current split into anonymous memory (heap, wasm) and file pages.
import { genesisModel } from '../../../common/model/genesis.ts';
import { MedflError } from '../../../common/MedflError.ts';
import type { RunStatus } from '../../../common/wire/protocolTypes.ts';
import type { RunningChain } from '../../../contracts/chain/startChain.ts';
import { siteCodec } from '../../../participant/wiring.ts';
import { isThresholdCodec } from '../../../participant/ports.ts';
import { CoordinatorClient } from '../../../participant/node/CoordinatorClient.ts';
import { benchConsortium } from './benchConsortium.ts';
import { startCoordinatorProcess, type ProcessRss } from './coordinatorProcess.ts';
import { connectSite, submitUpdate } from './simulatedSite.ts';

export type CoordinatorRss = ProcessRss;

/** Polls the coordinator's status until `done`, for at most `limitMs`. */
export async function until(read: () => Promise<RunStatus>, done: (status: RunStatus) => boolean, limitMs = 120_000): Promise<void> {
  for (const start = Date.now(); Date.now() - start < limitMs;) {
    if (done(await read())) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`the round did not close within ${limitMs / 1000} s`);
}

export async function coordinatorPeakRss(chain: RunningChain, siteCount: number, parameters: number): Promise<CoordinatorRss> {
  // One consortium key encrypts for every simulated site: the single-key codec (threshold CKKS has no such key).
  const world = await benchConsortium(chain, siteCount, parameters, 'ckks-shared-key');
  const coordinator = await startCoordinatorProcess(chain, world);
  const address = coordinator.address;
  try {
    const first = world.kits['site-1']!;
    const codec = await siteCodec(world.plan, first); // one consortium key: every simulated site encrypts with it
    if (isThresholdCodec(codec)) throw new MedflError('CODEC_MISMATCH', `the RSS benchmark's plan must use one consortium key, not codec ${codec.codecId}`);
    const watcher = CoordinatorClient.connect(address, first.tls, first.consortium.coordinator);
    const task = (await watcher.getRunStatus()).task!;
    const ids = world.plan.consortium.sites;
    const weights = genesisModel(world.plan).weights.length;
    for (let i = 0; i < ids.length; i += 4) {
      await Promise.all(ids.slice(i, i + 4).map(async (id) => {
        const site = connectSite(address, world.kits[id]!, codec);
        await submitUpdate(site, task, world.plan, weights);
        site.client.close();
      }));
    }
    await until(() => watcher.getRunStatus(), (status) => status.roundState === 'ATTESTING');
    watcher.close();
    codec.dispose();
    return coordinator.rss();
  } finally {
    coordinator.kill();
    world.cleanup();
  }
}
