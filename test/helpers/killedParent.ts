// For tests that a child process does not outlive a parent killed outright: runs a parent script, reads the JSON
// line it prints once its child is up, and watches the child's pid after the parent is SIGKILLed.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { expect } from 'vitest';
import { REPO_ROOT, TYPESCRIPT_LOADER } from '../../datasets/paths.ts';

export const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Runs `script` (an ES module, on medfl's TypeScript loader, from the repository root) and resolves with its first stdout line as JSON. */
export async function startParent<T>(script: string, args: readonly string[] = []): Promise<{ first: T; kill(): void }> {
  const parent = spawn(process.execPath, ['--import', TYPESCRIPT_LOADER, '--input-type=module', '-e', script, ...args], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: parent.stdout! }).once('line', resolve);
    parent.once('exit', (code) => reject(new Error(`the parent process exited (${code}) before its child was up`)));
  });
  return { first: JSON.parse(line) as T, kill: () => parent.kill('SIGKILL') };
}

/** True once `pid` has exited, false if it is still running after `ms`. */
export async function goneWithin(pid: number, ms = 10_000): Promise<boolean> {
  for (const started = Date.now(); Date.now() - started < ms; await new Promise((resolve) => setTimeout(resolve, 100))) {
    if (!alive(pid)) return true;
  }
  return !alive(pid);
}

/**
 * Runs `script`, whose first line names its chain child (`pid`) and the chain's `rpcUrl`, kills the script outright, and
 * checks that the chain is up before and gone after: the process ended and its RPC no longer answers.
 */
export async function expectChainGoneWithParent(script: string, args: readonly string[] = []): Promise<void> {
  const parent = await startParent<{ pid: number; rpcUrl: string }>(script, args);
  const { pid, rpcUrl } = parent.first;
  expect(alive(pid)).toBe(true);
  parent.kill();
  expect(await goneWithin(pid)).toBe(true);
  await expect(fetch(rpcUrl, { method: 'POST', body: '{"jsonrpc":"2.0","id":1,"method":"eth_chainId"}' })).rejects.toThrow();
}
