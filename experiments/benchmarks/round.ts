// `npm run bench -- round`: (1) one federated round's wall time, CKKS vs plaintext codec, 4 sites, at 10k/100k/1M
// parameters (real mTLS gRPC, real RoundLedger on anvil; local training left out, it is the same for both codecs);
// (2) the coordinator process's peak RSS (VmHWM) collecting one CKKS round of a 100k-parameter model from 4/16/64 sites.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { genesisModel } from '../../common/model/genesis.ts';
import { parameterCount } from '../../common/model/ModelArtifact.ts';
import type { RunStatus } from '../../common/wire/protocolTypes.ts';
import { startChain, type RunningChain } from '../../contracts/chain/startChain.ts';
import { coordinatorAggregation, coordinatorLedger } from '../../coordinator/adapters.ts';
import { startCoordinator } from '../../coordinator/startCoordinator.ts';
import { REPO_ROOT } from '../../datasets/paths.ts';
import { siteCodec, siteLedger } from '../../participant/node/adapters.ts';
import { CoordinatorClient } from '../../participant/node/CoordinatorClient.ts';
import { printBenchTable, writeBenchResults, type BenchRow } from '../benchResults.ts';
import { benchConsortium } from './round/benchConsortium.ts';
import { attestRound, connectSite, submitUpdate } from './round/simulatedSite.ts';

const SIZES = [10_000, 100_000, 1_000_000];
const RSS_SITES = [4, 16, 64];

async function until(read: () => Promise<RunStatus> | RunStatus, done: (status: RunStatus) => boolean): Promise<void> {
  for (let i = 0; i < 6000; i += 1) {
    if (done(await read())) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('round did not reach the expected state in 2 minutes');
}

async function roundSeconds(chain: RunningChain, size: number, encryption: 'ckks' | 'plaintext'): Promise<{ seconds: number; parameters: number }> {
  const world = await benchConsortium(chain, 4, size, encryption);
  const ledger = await coordinatorLedger({ rpcUrl: chain.rpcUrl, ledgerAddress: chain.ledgerAddress, kit: world.kits.coordinator! });
  const coordinator = await startCoordinator({ kitDir: world.kitDirs.coordinator!, plan: world.plan, storeDir: join(world.dir, 'store'), ledger, aggregation: coordinatorAggregation(world.plan) });
  const siteIds = world.plan.consortium.sites;
  const sites = await Promise.all(siteIds.map(async (id) => connectSite(coordinator.address, world.kits[id]!, await siteCodec(world.plan, world.kits[id]!), await siteLedger({ rpcUrl: chain.rpcUrl, ledgerAddress: chain.ledgerAddress, kit: world.kits[id]! }))));
  const global = genesisModel(world.plan);
  try {
    const task = coordinator.engine.status().task!;
    const started = performance.now();
    await Promise.all(sites.map((site) => submitUpdate(site, task, world.plan, global.weights.length)));
    await until(() => coordinator.engine.status(), (status) => status.roundState === 'ATTESTING');
    await Promise.all(sites.map((site) => attestRound(site, 1, global)));
    await until(() => coordinator.engine.status(), (status) => status.runState === 'COMPLETED');
    return { seconds: (performance.now() - started) / 1000, parameters: parameterCount(global.weightSpecs) };
  } finally {
    for (const site of sites) site.client.close();
    await coordinator.stop();
    world.cleanup();
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Peak RSS, and the current split into anonymous memory (heap, wasm) and file pages (lmdb's memory map of the store). */
function rssMb(pid: number): { peak: number; anon: number; file: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+) kB`).exec(status)?.[1] ?? Number.NaN) / 1024;
  return { peak: field('VmHWM'), anon: field('RssAnon'), file: field('RssFile') };
}

async function coordinatorPeakRss(chain: RunningChain, siteCount: number): Promise<{ peak: number; anon: number; file: number }> {
  const world = await benchConsortium(chain, siteCount, 100_000, 'ckks');
  const port = await freePort();
  const args = ['coordinator', '--json', '--kit', world.kitDirs.coordinator!, '--plan', world.planFile, '--rpc', chain.rpcUrl, '--ledger', chain.ledgerAddress, '--store', join(world.dir, 'store'), '--port', String(port)];
  const child = spawn(process.execPath, [join(REPO_ROOT, 'bin', 'medfl.js'), ...args], { cwd: REPO_ROOT, env: { ...process.env, MEDFL_LOG_LEVEL: 'warn' }, stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    await new Promise<void>((resolve) => createInterface({ input: child.stdout! }).on('line', (line) => line.includes('"listening"') && resolve()));
    const first = world.kits['site-1']!;
    const codec = await siteCodec(world.plan, first); // one consortium key: every simulated site encrypts with it
    const unusedLedger = { chainId: 0, ledgerAddress: '', committedModelHash: async () => undefined, latestModel: async () => ({ round: 0, modelHash: '0x' as const }), signAttestation: async () => '' };
    const watcher = CoordinatorClient.connect(`127.0.0.1:${port}`, first.tls, first.consortium.coordinator);
    const task = (await watcher.getRunStatus()).task!;
    const ids = world.plan.consortium.sites;
    for (let i = 0; i < ids.length; i += 4) {
      await Promise.all(ids.slice(i, i + 4).map(async (id) => {
        const site = connectSite(`127.0.0.1:${port}`, world.kits[id]!, codec, unusedLedger);
        await submitUpdate(site, task, world.plan, 0 + genesisModel(world.plan).weights.length);
        site.client.close();
      }));
    }
    await until(() => watcher.getRunStatus(), (status) => status.roundState === 'ATTESTING');
    watcher.close();
    return rssMb(child.pid!);
  } finally {
    child.kill('SIGKILL');
    world.cleanup();
  }
}

export async function run(): Promise<void> {
  const chain = await startChain({ port: 0 });
  try {
    const rows: BenchRow[] = [];
    for (const size of SIZES) {
      const encrypted = await roundSeconds(chain, size, 'ckks');
      const plaintext = await roundSeconds(chain, size, 'plaintext');
      rows.push({ params: encrypted.parameters, sites: 4, encryptedSec: encrypted.seconds, plaintextSec: plaintext.seconds, ratio: encrypted.seconds / plaintext.seconds });
      printBenchTable('round wall time (4 sites, no local training)', rows);
    }
    const rssRows: BenchRow[] = [];
    for (const sites of RSS_SITES) {
      const rss = await coordinatorPeakRss(chain, sites);
      rssRows.push({ sites, params: 100_000, coordinatorPeakRssMb: rss.peak, rssAnonMb: rss.anon, rssFileMb: rss.file });
    }
    printBenchTable('coordinator peak RSS collecting one CKKS round', rssRows);
    const file = writeBenchResults('round', [...rows, ...rssRows], {
      roundWallTime: 'submit (encrypt+sign+stream) -> close -> fetch+decrypt+FedAvg+hash+EIP-712 attest -> commitRound mined on anvil; local training excluded',
      peakRss: 'VmHWM of the `medfl coordinator` process after the round closed (RssAnon/RssFile: current split; file pages are the lmdb store mapped in); simulated sites upload 4 at a time',
    });
    process.stdout.write(`\nwrote ${file}\n`);
  } finally {
    await chain.stop();
  }
}
