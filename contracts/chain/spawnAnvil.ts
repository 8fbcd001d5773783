// Starts the anvil binary from the @foundry-rs/anvil npm package (on 127.0.0.1 unless told another address) and waits
// for its RPC to answer. anvil
// runs under bin/tether.js, so it stops when the process that started it dies, however that process ends.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { isIPv6 } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MedflError } from '../../common/MedflError.ts';

export interface AnvilProcess {
  readonly rpcUrl: string;
  readonly port: number;
  /** anvil's own pid (not the tether's). */
  readonly pid: number;
  /** SIGTERM (anvil writes its state file on the way out), then waits for the exit. */
  stop(): Promise<void>;
}

const STARTUP_TIMEOUT_MS = 20_000;
const TETHER = fileURLToPath(new URL('../../bin/tether.js', import.meta.url));

/** The platform package ships the binary; resolving through node_modules keeps it offline. */
export function anvilBinary(): string {
  const require = createRequire(import.meta.url);
  const binary = join(dirname(require.resolve(`@foundry-rs/anvil-${process.platform}-${process.arch === 'x64' ? 'amd64' : process.arch}/package.json`)), 'bin', 'anvil');
  if (!existsSync(binary)) throw new MedflError('CHAIN_START_FAILED', `anvil binary missing at ${binary}; run npm ci`);
  return binary;
}

function anvilArgs(host: string, port: number, stateFile: string | undefined): string[] {
  const args = ['--host', host, '--port', String(port)];
  // --state alone saves only on a clean exit; saving every second keeps the chain across a kill as well.
  if (stateFile) args.push('--state', stateFile, '--state-interval', '1');
  return args;
}

/** anvil's port (from its "Listening on" line) and pid (from the tether's first line). */
function waitForPort(child: ChildProcess): Promise<{ port: number; pid: number }> {
  return new Promise((resolve, reject) => {
    let output = '';
    const fail = (why: string) => {
      clearTimeout(timer);
      reject(new MedflError('CHAIN_START_FAILED', `anvil did not start: ${why}${output ? `\n${output.slice(-2000)}` : ''}`));
    };
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(`no "Listening on" line within ${STARTUP_TIMEOUT_MS / 1000} s`);
    }, STARTUP_TIMEOUT_MS);
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = /Listening on \S+:(\d+)/.exec(output);
      const pid = /\{"tetheredPid":(\d+)\}/.exec(output);
      if (!match || !pid) return;
      clearTimeout(timer);
      // Keep draining both pipes (anvil logs every call) without holding on to the text.
      child.stdout?.off('data', onData);
      child.stderr?.off('data', onError);
      child.stdout?.resume();
      child.stderr?.resume();
      resolve({ port: Number(match[1]), pid: Number(pid[1]) });
    };
    child.stdout?.on('data', onData);
    const onError = (chunk: Buffer) => (output += chunk.toString('utf8'));
    child.stderr?.on('data', onError);
    child.once('error', (error) => fail(error.message));
    child.once('exit', (code, signal) => fail(`exited with ${signal ?? `code ${code}`}`));
  });
}

async function waitForRpc(rpcUrl: string): Promise<void> {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  for (;;) {
    try {
      const response = await fetch(rpcUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_chainId', params: [] }),
      });
      if (response.ok) return;
    } catch {
      // not accepting connections yet
    }
    if (Date.now() > deadline) throw new MedflError('CHAIN_START_FAILED', `anvil at ${rpcUrl} did not answer eth_chainId`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** `anvilPid()` is known once anvil is up; until then a kill reaches the tether, which passes SIGTERM on. */
function stopper(child: ChildProcess, anvilPid: () => number | undefined): () => Promise<void> {
  // A parent that exits without stopping its chain (an uncaught error) must not leave anvil running.
  const killOnExit = () => child.kill('SIGTERM');
  process.once('exit', killOnExit);
  return () =>
    new Promise((resolve) => {
      process.off('exit', killOnExit);
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const timer = setTimeout(() => {
        const pid = anvilPid();
        try {
          if (pid) process.kill(pid, 'SIGKILL');
        } catch {
          // already gone
        }
        child.kill('SIGKILL');
      }, 10_000);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      child.kill('SIGTERM');
    });
}

/** The URL to reach anvil listening on `host`: every interface (0.0.0.0, ::) is reached on loopback from here. */
export function rpcUrlFor(host: string, port: number): string {
  const reachable = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host;
  return `http://${isIPv6(reachable) ? `[${reachable}]` : reachable}:${port}`;
}

/** Runs anvil on `host` (an IP address, loopback by default); port 0 lets anvil pick a free port, which it prints. */
export async function spawnAnvil(options: { host?: string; port?: number; stateFile?: string } = {}): Promise<AnvilProcess> {
  const host = options.host ?? '127.0.0.1';
  // stdin: a pipe this process never writes to; it closes when this process dies and the tether stops anvil.
  const child = spawn(process.execPath, [TETHER, anvilBinary(), ...anvilArgs(host, options.port ?? 0, options.stateFile)], { stdio: ['pipe', 'pipe', 'pipe'] });
  let anvilPid: number | undefined;
  const stop = stopper(child, () => anvilPid);
  try {
    const { port, pid } = await waitForPort(child);
    anvilPid = pid;
    child.removeAllListeners('exit');
    const rpcUrl = rpcUrlFor(host, port);
    await waitForRpc(rpcUrl);
    return { rpcUrl, port, pid, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
