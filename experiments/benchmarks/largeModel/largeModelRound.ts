// One round of the large-model bench: a coordinator process for a model of `parameters` weights, two simulated sites
// that encrypt, sign and upload one after the other, and what that cost in bytes, seconds and peak memory.
import { writeFileSync } from 'node:fs';
import { parameterCount } from '../../../common/model/ModelArtifact.ts';
import { genesisModel } from '../../../common/model/genesis.ts';
import { MedflError } from '../../../common/MedflError.ts';
import { seededRandom } from '../../../common/seededRandom.ts';
import type { RunningChain } from '../../../contracts/chain/startChain.ts';
import { CoordinatorClient } from '../../../participant/node/CoordinatorClient.ts';
import { sendUpdate } from '../../../participant/node/sendUpdate.ts';
import { signUpdate } from '../../../participant/node/signUpdate.ts';
import { isThresholdCodec } from '../../../participant/ports.ts';
import { clipToNorm } from '../../../participant/update/clipToNorm.ts';
import { siteCodec } from '../../../participant/wiring.ts';
import { benchConsortium } from '../round/benchConsortium.ts';
import { processRss, startCoordinatorProcess } from '../round/coordinatorProcess.ts';
import { until } from '../round/coordinatorRss.ts';
import { NO_CONSENT_ROOT } from '../../../common/consent/consentTree.ts';

export interface LargeModelRound {
  readonly params: number;
  readonly chunks: number;
  readonly updateMb: number;
  readonly encryptSec: number;
  readonly uploadSec: number;
  readonly siteBaseRssMb: number;
  readonly sitePeakRssMb: number;
  readonly coordinatorPeakRssMb: number;
}

const SITES = 2;
const MB = 2 ** 20;

/** A clipped random update of `parameters` values, seeded by site. */
function randomUpdate(parameters: number, site: string, clipNorm: number): Float32Array {
  const random = seededRandom(11, site);
  const raw = new Float32Array(parameters);
  for (let i = 0; i < parameters; i += 1) raw[i] = random.float() - 0.5;
  return clipToNorm(raw, clipNorm).clipped;
}

export async function largeModelRound(chain: RunningChain, target: number): Promise<LargeModelRound> {
  const world = await benchConsortium(chain, SITES, target, 'ckks-shared-key');
  const params = parameterCount(genesisModel(world.plan).weightSpecs);
  const coordinator = await startCoordinatorProcess(chain, world);
  try {
    const first = world.kits['site-1']!;
    const codec = await siteCodec(world.plan, first);
    if (isThresholdCodec(codec)) throw new MedflError('CODEC_MISMATCH', `the large-model bench needs one consortium key, not codec ${codec.codecId}`);
    const watcher = CoordinatorClient.connect(coordinator.address, first.tls, first.consortium.coordinator);
    const task = (await watcher.getRunStatus()).task!;
    writeFileSync('/proc/self/clear_refs', '5'); // VmHWM restarts from the current RSS: this round's peak only
    const siteBaseRssMb = processRss('self').anonMb + processRss('self').fileMb;
    let [encryptSec, uploadSec, bytes, chunkCount] = [0, 0, 0, 0];
    for (const id of world.plan.consortium.sites) {
      const kit = world.kits[id]!;
      const update = randomUpdate(params, id, world.plan.privacy.clipNorm);
      const started = performance.now();
      const chunks = [...codec.encryptUpdate(update, 100)];
      const envelope = signUpdate({ site: id, signingSecretKey: kit.signingSecretKey!, codec }, task, { examples: 100, epsilonMicros: 0, consentRoot: NO_CONSENT_ROOT }, chunks);
      const encrypted = performance.now();
      const client = CoordinatorClient.connect(coordinator.address, kit.tls, kit.consortium.coordinator);
      await sendUpdate(client, envelope, chunks);
      client.close();
      encryptSec += (encrypted - started) / 1000 / SITES;
      uploadSec += (performance.now() - encrypted) / 1000 / SITES;
      bytes = chunks.reduce((sum, chunk) => sum + chunk.byteLength, 0);
      chunkCount = chunks.length;
    }
    await until(() => watcher.getRunStatus(), (status) => status.roundState === 'ATTESTING', 30 * 60_000);
    watcher.close();
    codec.dispose();
    return {
      params, chunks: chunkCount, updateMb: bytes / MB, encryptSec, uploadSec, siteBaseRssMb, sitePeakRssMb: processRss('self').peakMb,
      coordinatorPeakRssMb: coordinator.rss().peakMb,
    };
  } finally {
    coordinator.kill();
    world.cleanup();
  }
}
