// One round of the large-model bench: a coordinator process for a model of `parameters` weights, two simulated sites
// that encrypt into a file, sign and upload one after the other (the first one's upload dropped half-way and resumed
// from the coordinator's UploadOffset), and what that cost in bytes, seconds and peak memory on both sides.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NO_CONSENT_ROOT } from '../../../common/consent/consentTree.ts';
import { parameterCount } from '../../../common/model/ModelArtifact.ts';
import { genesisModel } from '../../../common/model/genesis.ts';
import { MedflError } from '../../../common/MedflError.ts';
import { seededRandom } from '../../../common/seededRandom.ts';
import type { RoundTask } from '../../../common/wire/protocolTypes.ts';
import type { RunningChain } from '../../../contracts/chain/startChain.ts';
import { CoordinatorClient } from '../../../participant/node/CoordinatorClient.ts';
import { sendUpdate } from '../../../participant/node/sendUpdate.ts';
import { signUpdate } from '../../../participant/node/signUpdate.ts';
import { writeChunkFile } from '../../../participant/node/updateChunkFile.ts';
import { isThresholdCodec, type SiteCodec } from '../../../participant/ports.ts';
import { l2Norm } from '../../../participant/update/l2Norm.ts';
import { siteCodec } from '../../../participant/wiring.ts';
import { benchConsortium, type BenchConsortium } from '../round/benchConsortium.ts';
import { processRss, startCoordinatorProcess, type CoordinatorProcess } from '../round/coordinatorProcess.ts';
import { until } from '../round/coordinatorRss.ts';
import { resumedUpload, type ResumedUpload } from './resumedUpload.ts';

export interface LargeModelRound {
  readonly params: number;
  readonly chunks: number;
  readonly updateMb: number;
  /** One update as the site's Float32 input: the site holds it while encrypting (the bench's input, not a copy). */
  readonly updateFloatMb: number;
  readonly encryptSec: number;
  readonly uploadSec: number;
  readonly siteBaseRssMb: number;
  readonly sitePeakRssMb: number;
  readonly coordinatorBaseRssMb: number;
  readonly coordinatorPeakRssMb: number;
  /** The largest anonymous (heap, wasm) and file-backed (lmdb's mmap, code) parts of the coordinator's RSS seen. */
  readonly coordinatorPeakAnonMb: number;
  readonly coordinatorPeakFileMb: number;
  readonly resumedFromChunk: number;
  readonly resentChunks: number;
}

const SITES = 2;
const MB = 2 ** 20;

/** A random update of `parameters` values scaled in place to L2 norm `clipNorm`, seeded by site: one Float32 array. */
function randomUpdate(parameters: number, site: string, clipNorm: number): Float32Array {
  const random = seededRandom(11, site);
  const update = new Float32Array(parameters);
  for (let i = 0; i < parameters; i += 1) update[i] = random.float() - 0.5;
  const scale = clipNorm / l2Norm(update);
  for (let i = 0; i < parameters; i += 1) update[i] = Math.fround(update[i]! * scale);
  return update;
}

/** The coordinator's largest anonymous and file-backed RSS, sampled every 100 ms until `stop`. */
function watchRss(coordinator: CoordinatorProcess): { stop(): { anonMb: number; fileMb: number } } {
  const peak = { anonMb: 0, fileMb: 0 };
  const sample = () => {
    const { anonMb, fileMb } = coordinator.rss();
    peak.anonMb = Math.max(peak.anonMb, anonMb);
    peak.fileMb = Math.max(peak.fileMb, fileMb);
  };
  const timer = setInterval(sample, 100);
  return {
    stop() {
      clearInterval(timer);
      sample();
      return peak;
    },
  };
}

interface SiteRun {
  readonly encryptSec: number;
  readonly uploadSec: number;
  readonly bytes: number;
  readonly chunks: number;
  readonly resumed?: ResumedUpload;
}

interface RoundSetting {
  readonly world: BenchConsortium;
  readonly coordinator: CoordinatorProcess;
  readonly task: RoundTask;
  readonly codec: Pick<SiteCodec, 'codecId' | 'sumCheck' | 'encryptUpdate'>;
  readonly params: number;
  /** Where the sites' chunk files go. */
  readonly dir: string;
}

/** One site: update, encrypted into a file, signed from it, uploaded from it (dropped half-way and resumed if `drop`). */
async function siteRound({ world, coordinator, task, codec, params, dir }: RoundSetting, id: string, drop: boolean): Promise<SiteRun> {
  const kit = world.kits[id]!;
  const update = randomUpdate(params, id, world.plan.privacy.clipNorm);
  const started = performance.now();
  const file = writeChunkFile(join(dir, `${id}.chunks`), codec.encryptUpdate(update, 100));
  const envelope = signUpdate({ site: id, signingSecretKey: kit.signingSecretKey!, codec }, task, { examples: 100, epsilonMicros: 0, consentRoot: NO_CONSENT_ROOT }, file);
  const encrypted = performance.now();
  const connect = () => CoordinatorClient.connect(coordinator.address, kit.tls, kit.consortium.coordinator);
  let resumed: ResumedUpload | undefined;
  if (drop) {
    resumed = await resumedUpload(connect, envelope, file);
  } else {
    const client = connect();
    await sendUpdate(client, envelope, file);
    client.close();
  }
  const uploaded = performance.now();
  let bytes = 0;
  for (const chunk of file) bytes += chunk.byteLength;
  file.discard();
  return { encryptSec: (encrypted - started) / 1000, uploadSec: (uploaded - encrypted) / 1000, bytes, chunks: file.length, ...(resumed ? { resumed } : {}) };
}

/**
 * The coordinator process, started again (at most twice more) when it exits before it listens: on a loaded machine
 * its 3 s chain check (contracts/rpcChainId.ts) can time out while the anvil beside it answers.
 */
async function startedCoordinator(chain: RunningChain, world: BenchConsortium): Promise<CoordinatorProcess> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await startCoordinatorProcess(chain, world);
    } catch (thrown) {
      if (attempt >= 3) throw thrown;
      process.stderr.write(`coordinator start ${attempt} failed (${(thrown as Error).message}); starting it again\n`);
    }
  }
}

export async function largeModelRound(chain: RunningChain, target: number): Promise<LargeModelRound> {
  const world = await benchConsortium(chain, SITES, target, 'ckks-shared-key');
  const params = parameterCount(genesisModel(world.plan).weightSpecs);
  const coordinator = await startedCoordinator(chain, world);
  const dir = mkdtempSync(join(tmpdir(), 'medfl-large-'));
  try {
    const first = world.kits['site-1']!;
    const codec = await siteCodec(world.plan, first);
    if (isThresholdCodec(codec)) throw new MedflError('CODEC_MISMATCH', `the large-model bench needs one consortium key, not codec ${codec.codecId}`);
    const watcher = CoordinatorClient.connect(coordinator.address, first.tls, first.consortium.coordinator);
    const task = (await watcher.getRunStatus()).task!;
    // The coordinator's VmHWM restarts here too: its start (genesis builds a 50 M model as JS numbers, ~1.8 GB) is
    // not the round's memory, which is what this bench measures.
    writeFileSync(`/proc/${coordinator.child.pid}/clear_refs`, '5');
    const coordinatorBaseRssMb = coordinator.rss().anonMb + coordinator.rss().fileMb;
    const watch = watchRss(coordinator);
    writeFileSync('/proc/self/clear_refs', '5'); // VmHWM restarts from the current RSS: this round's peak only
    const siteBaseRssMb = processRss('self').anonMb + processRss('self').fileMb;
    const runs: SiteRun[] = [];
    const setting: RoundSetting = { world, coordinator, task, codec, params, dir };
    for (const [index, id] of world.plan.consortium.sites.entries()) runs.push(await siteRound(setting, id, index === 0));
    await until(() => watcher.getRunStatus(), (status) => status.roundState === 'ATTESTING', 30 * 60_000);
    const coordinatorPeak = watch.stop();
    watcher.close();
    codec.dispose();
    const mean = (pick: (run: SiteRun) => number) => runs.reduce((sum, run) => sum + pick(run), 0) / runs.length;
    const resumed = runs[0]!.resumed!;
    return {
      params, chunks: runs[0]!.chunks, updateMb: runs[0]!.bytes / MB, updateFloatMb: (4 * params) / MB, encryptSec: mean((run) => run.encryptSec), uploadSec: mean((run) => run.uploadSec),
      siteBaseRssMb, sitePeakRssMb: processRss('self').peakMb, coordinatorBaseRssMb, coordinatorPeakRssMb: coordinator.rss().peakMb,
      coordinatorPeakAnonMb: coordinatorPeak.anonMb, coordinatorPeakFileMb: coordinatorPeak.fileMb,
      resumedFromChunk: resumed.resumedFrom, resentChunks: resumed.resent,
    };
  } finally {
    coordinator.kill();
    rmSync(dir, { recursive: true, force: true });
    world.cleanup();
  }
}
