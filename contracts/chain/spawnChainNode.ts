// Starts a chain node (anvil, or Hardhat's EDR behind edrNode.ts) under bin/tether.js, so it stops when the process
// that started it dies however that process ends, and waits for its JSON-RPC to answer.
import { spawn, type ChildProcess } from 'node:child_process';
import { isIPv6 } from 'node:net';
import { fileURLToPath } from 'node:url';
import { MedflError } from '../../common/MedflError.ts';

export interface ChainNode {
  readonly rpcUrl: string;
  readonly port: number;
  /** The node's own pid (not the tether's). */
  readonly pid: number;
  /** SIGTERM (anvil writes its state file on the way out), then waits for the exit. */
  stop(): Promise<void>;
}

const STARTUP_TIMEOUT_MS = 20_000;
const TETHER = fileURLToPath(new URL('../../bin/tether.js', import.meta.url));

/** The node's port (from its "Listening on" line) and pid (from the tether's first line). */
function waitForPort(child: ChildProcess, name: string): Promise<{ port: number; pid: number }> {
  return new Promise((resolve, reject) => {
    let output = '';
    const fail = (why: string) => {
      clearTimeout(timer);
      reject(new MedflError('CHAIN_START_FAILED', `${name} did not start: ${why}${output ? `\n${output.slice(-2000)}` : ''}`));
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

async function waitForRpc(rpcUrl: string, name: string): Promise<void> {
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
    if (Date.now() > deadline) throw new MedflError('CHAIN_START_FAILED', `${name} at ${rpcUrl} did not answer eth_chainId`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** `nodePid()` is known once the node is up; until then a kill reaches the tether, which passes SIGTERM on. */
function stopper(child: ChildProcess, nodePid: () => number | undefined): () => Promise<void> {
  // A parent that exits without stopping its chain (an uncaught error) must not leave the node running.
  const killOnExit = () => child.kill('SIGTERM');
  process.once('exit', killOnExit);
  return () =>
    new Promise((resolve) => {
      process.off('exit', killOnExit);
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const timer = setTimeout(() => {
        const pid = nodePid();
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

/** The URL to reach a node listening on `host`: every interface (0.0.0.0, ::) is reached on loopback from here. */
export function rpcUrlFor(host: string, port: number): string {
  const reachable = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host;
  return `http://${isIPv6(reachable) ? `[${reachable}]` : reachable}:${port}`;
}

/**
 * Runs `command args` (which must print "Listening on <address>:<port>") tethered to this process, on `host`, and
 * waits for eth_chainId to answer; `name` is what errors call the node. CHAIN_START_FAILED when it does not come up.
 */
export async function spawnChainNode(name: string, host: string, command: string, args: readonly string[]): Promise<ChainNode> {
  // stdin: a pipe this process never writes to; it closes when this process dies and the tether stops the node.
  const child = spawn(process.execPath, [TETHER, command, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  let nodePid: number | undefined;
  const stop = stopper(child, () => nodePid);
  try {
    const { port, pid } = await waitForPort(child, name);
    nodePid = pid;
    child.removeAllListeners('exit');
    const rpcUrl = rpcUrlFor(host, port);
    await waitForRpc(rpcUrl, name);
    return { rpcUrl, port, pid, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
