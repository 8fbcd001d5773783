// A medfl process started by `medfl run` must not outlive it: here its parent is SIGKILLed (no clean-up code runs)
// and the child, `medfl chain start` with its own anvil, must stop by itself.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { alive, goneWithin, startParent } from '../helpers/killedParent.ts';

const dir = mkdtempSync(join(tmpdir(), 'medfl-process-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const PARENT = `
import { MedflProcess } from './consortium/MedflProcess.ts';
const chain = new MedflProcess('chain', ['chain', 'start', '--port', '0', '--json'], process.argv[1]);
const started = await chain.waitForJson((line) => (line.rpcUrl ? line : undefined), 60_000);
process.stdout.write(JSON.stringify({ childPid: chain.pid, rpcUrl: started.rpcUrl }) + '\\n');
setInterval(() => undefined, 1000);
`;

describe('MedflProcess', () => {
  it('stops its medfl child (and the child its anvil) when the parent is killed outright', async () => {
    const parent = await startParent<{ childPid: number; rpcUrl: string }>(PARENT, [join(dir, 'chain.log')]);
    const { childPid, rpcUrl } = parent.first;
    expect(alive(childPid)).toBe(true);
    parent.kill();
    expect(await goneWithin(childPid)).toBe(true);
    await expect(fetch(rpcUrl, { method: 'POST', body: '{"jsonrpc":"2.0","id":1,"method":"eth_chainId"}' })).rejects.toThrow();
  }, 60_000);
});
