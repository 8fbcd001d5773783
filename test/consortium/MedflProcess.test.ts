// A medfl process started by `medfl run`: it must not outlive its parent (here SIGKILLed, so no clean-up code runs:
// the child, `medfl chain start` with its own anvil, must stop by itself), and it runs in the parent's folder.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MedflProcess } from '../../consortium/MedflProcess.ts';
import { REPO_ROOT } from '../../datasets/paths.ts';
import { expectChainGoneWithParent } from '../helpers/killedParent.ts';

const dir = mkdtempSync(join(tmpdir(), 'medfl-process-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const PARENT = `
import { MedflProcess } from './consortium/MedflProcess.ts';
const chain = new MedflProcess('chain', ['chain', 'start', '--port', '0', '--json'], process.argv[1]);
const started = await chain.waitForJson((line) => (line.rpcUrl ? line : undefined), 60_000);
process.stdout.write(JSON.stringify({ pid: chain.pid, rpcUrl: started.rpcUrl }) + '\\n');
setInterval(() => undefined, 1000);
`;

describe('MedflProcess', () => {
  it('stops its medfl child (and the child its anvil) when the parent is killed outright', async () => {
    await expectChainGoneWithParent(PARENT, [join(dir, 'chain.log')]);
  }, 60_000);

  it('runs its child in the parent\'s folder, so a relative path means what it meant to the user', async () => {
    const home = process.cwd();
    const work = join(dir, 'cwd');
    mkdirSync(work, { recursive: true });
    writeFileSync(join(work, 'plan.json'), readFileSync(join(REPO_ROOT, 'plans', 'demo.json')));
    process.chdir(work);
    try {
      const child = new MedflProcess('plan', ['plan', 'hash', 'plan.json', '--json'], join(dir, 'plan.log'));
      const hash = await child.waitForJson((line) => (typeof line.planHash === 'string' ? line.planHash : undefined), 60_000);
      expect(hash).toMatch(/^0x[0-9a-f]{64}$/);
      await child.stop();
    } finally {
      process.chdir(home);
    }
  }, 60_000);

  it('names a child that never says it is ready PARTY_NOT_READY, with its log, instead of an internal error', async () => {
    const log = join(dir, 'silent.log');
    const child = new MedflProcess('silent chain', ['chain', 'start', '--port', '0', '--json'], log);
    try {
      await expect(child.waitForJson((line) => (line.neverPrinted ? line : undefined), 500)).rejects.toMatchObject({
        code: 'PARTY_NOT_READY',
        message: `silent chain did not become ready within 500 ms; see ${log}`,
      });
    } finally {
      await child.stop();
    }
  }, 60_000);
});
