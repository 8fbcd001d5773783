// A real `medfl coordinator` process for a bench consortium, on a free loopback port, and its memory read from /proc:
// VmHWM (peak RSS) and the current split into anonymous memory (heap, wasm) and file pages.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { RunningChain } from '../../../contracts/chain/startChain.ts';
import { REPO_ROOT } from '../../../datasets/paths.ts';
import type { BenchConsortium } from './benchConsortium.ts';

export interface ProcessRss {
  readonly peakMb: number;
  readonly anonMb: number;
  readonly fileMb: number;
}

export interface CoordinatorProcess {
  readonly address: string;
  readonly child: ChildProcess;
  rss(): ProcessRss;
  kill(): void;
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Peak and current RSS of a process (Linux /proc/PID/status), in MB. */
export function processRss(pid: number | 'self'): ProcessRss {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+) kB`).exec(status)?.[1] ?? Number.NaN) / 1024;
  return { peakMb: field('VmHWM'), anonMb: field('RssAnon'), fileMb: field('RssFile') };
}

/** Starts the coordinator of `world` and resolves once it listens. */
export async function startCoordinatorProcess(chain: RunningChain, world: BenchConsortium): Promise<CoordinatorProcess> {
  const port = await freePort();
  const args = ['coordinator', '--json', '--kit', world.kitDirs.coordinator!, '--plan', world.planFile, '--rpc', chain.rpcUrl, '--ledger', chain.ledgerAddress, '--store', join(world.dir, 'store'), '--port', String(port)];
  const child = spawn(process.execPath, [join(REPO_ROOT, 'bin', 'medfl.js'), ...args], { cwd: REPO_ROOT, env: { ...process.env, MEDFL_LOG_LEVEL: 'warn' }, stdio: ['ignore', 'pipe', 'inherit'] });
  // A coordinator that exits before it listens (its chain check timed out on a loaded machine, say) fails the bench
  // instead of leaving it waiting for ever.
  await new Promise<void>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => line.includes('"listening"') && resolve());
    child.once('exit', (code) => reject(new Error(`the coordinator exited with code ${code} before it listened`)));
  });
  return { address: `127.0.0.1:${port}`, child, rss: () => processRss(child.pid!), kill: () => void child.kill('SIGKILL') };
}
