// A medfl process started by `medfl run` must not outlive it: here its parent is SIGKILLed (no clean-up code runs)
// and the child, `medfl chain start` with its own anvil, must stop by itself.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../../datasets/paths.ts';

const dir = mkdtempSync(join(tmpdir(), 'medfl-process-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const PARENT = `
import { MedflProcess } from './coordinator/localConsortium/MedflProcess.ts';
const chain = new MedflProcess('chain', ['chain', 'start', '--port', '0', '--json'], process.argv[1]);
const started = await chain.waitForJson((line) => (line.rpcUrl ? line : undefined), 60_000);
process.stdout.write(JSON.stringify({ childPid: chain.pid, rpcUrl: started.rpcUrl }) + '\\n');
setInterval(() => undefined, 1000);
`;

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('MedflProcess', () => {
  it('stops its medfl child (and the child its anvil) when the parent is killed outright', async () => {
    const parent = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', PARENT, join(dir, 'chain.log')], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    const first = await new Promise<string>((resolve, reject) => {
      createInterface({ input: parent.stdout! }).once('line', resolve);
      parent.once('exit', (code) => reject(new Error(`the parent process exited (${code}) before its child was up`)));
    });
    const { childPid, rpcUrl } = JSON.parse(first) as { childPid: number; rpcUrl: string };
    expect(alive(childPid)).toBe(true);
    parent.kill('SIGKILL');
    for (let i = 0; i < 100 && alive(childPid); i += 1) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(alive(childPid)).toBe(false);
    await expect(fetch(rpcUrl, { method: 'POST', body: '{"jsonrpc":"2.0","id":1,"method":"eth_chainId"}' })).rejects.toThrow();
  }, 60_000);
});
