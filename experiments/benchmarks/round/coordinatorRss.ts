// Peak RSS of a real `medfl coordinator` process collecting one CKKS round from N simulated sites (4 upload at a
// time), read from /proc: VmHWM, and the current split into anonymous memory (heap, wasm) and file pages.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { genesisModel } from '../../../common/model/genesis.ts';
import { MedflError } from '../../../common/MedflError.ts';
import type { RunStatus } from '../../../common/wire/protocolTypes.ts';
import type { RunningChain } from '../../../contracts/chain/startChain.ts';
import { REPO_ROOT } from '../../../datasets/paths.ts';
import { siteCodec } from '../../../participant/wiring.ts';
import { isThresholdCodec } from '../../../participant/ports.ts';
import { CoordinatorClient } from '../../../participant/node/CoordinatorClient.ts';
import { benchConsortium } from './benchConsortium.ts';
import { connectSite, submitUpdate } from './simulatedSite.ts';

export interface CoordinatorRss {
  readonly peakMb: number;
  readonly anonMb: number;
  readonly fileMb: number;
}

async function until(read: () => Promise<RunStatus>, done: (status: RunStatus) => boolean): Promise<void> {
  for (let i = 0; i < 6000; i += 1) {
    if (done(await read())) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('the round did not close within 2 minutes');
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function rssMb(pid: number): CoordinatorRss {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+) kB`).exec(status)?.[1] ?? Number.NaN) / 1024;
  return { peakMb: field('VmHWM'), anonMb: field('RssAnon'), fileMb: field('RssFile') };
}

export async function coordinatorPeakRss(chain: RunningChain, siteCount: number, parameters: number): Promise<CoordinatorRss> {
  // One consortium key encrypts for every simulated site: the single-key codec (threshold CKKS has no such key).
  const world = await benchConsortium(chain, siteCount, parameters, 'ckks-shared-key');
  const port = await freePort();
  const args = ['coordinator', '--json', '--kit', world.kitDirs.coordinator!, '--plan', world.planFile, '--rpc', chain.rpcUrl, '--ledger', chain.ledgerAddress, '--store', join(world.dir, 'store'), '--port', String(port)];
  const child = spawn(process.execPath, [join(REPO_ROOT, 'bin', 'medfl.js'), ...args], { cwd: REPO_ROOT, env: { ...process.env, MEDFL_LOG_LEVEL: 'warn' }, stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    await new Promise<void>((resolve) => createInterface({ input: child.stdout! }).on('line', (line) => line.includes('"listening"') && resolve()));
    const first = world.kits['site-1']!;
    const codec = await siteCodec(world.plan, first); // one consortium key: every simulated site encrypts with it
    if (isThresholdCodec(codec)) throw new MedflError('CODEC_MISMATCH', `the RSS benchmark's plan must use one consortium key, not codec ${codec.codecId}`);
    const watcher = CoordinatorClient.connect(`127.0.0.1:${port}`, first.tls, first.consortium.coordinator);
    const task = (await watcher.getRunStatus()).task!;
    const ids = world.plan.consortium.sites;
    const weights = genesisModel(world.plan).weights.length;
    for (let i = 0; i < ids.length; i += 4) {
      await Promise.all(ids.slice(i, i + 4).map(async (id) => {
        const site = connectSite(`127.0.0.1:${port}`, world.kits[id]!, codec);
        await submitUpdate(site, task, world.plan, weights);
        site.client.close();
      }));
    }
    await until(() => watcher.getRunStatus(), (status) => status.roundState === 'ATTESTING');
    watcher.close();
    codec.dispose();
    return rssMb(child.pid!);
  } finally {
    child.kill('SIGKILL');
    world.cleanup();
  }
}
