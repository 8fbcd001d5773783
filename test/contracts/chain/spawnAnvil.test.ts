import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { connectRpc } from '../../../contracts/chain/connectRpc.ts';
import { deployLedger } from '../../../contracts/chain/deployLedger.ts';
import { devWallet } from '../../../contracts/chain/devAccounts.ts';
import { spawnAnvil, type AnvilProcess } from '../../../contracts/chain/spawnAnvil.ts';
import { expectChainGoneWithParent } from '../../helpers/killedParent.ts';

/** Starts anvil, prints its pid, then waits to be killed. */
const PARENT = `
import { spawnAnvil } from './contracts/chain/spawnAnvil.ts';
const anvil = await spawnAnvil({ port: 0 });
process.stdout.write(JSON.stringify({ pid: anvil.pid, rpcUrl: anvil.rpcUrl }) + '\\n');
setInterval(() => undefined, 1000);
`;

describe('spawnAnvil', () => {
  const dir = mkdtempSync(join(tmpdir(), 'medfl-anvil-'));
  const started: AnvilProcess[] = [];

  afterAll(async () => {
    await Promise.all(started.map((anvil) => anvil.stop()));
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the chain in the state file even when anvil is killed (saved every second, not only on exit)', async () => {
    const stateFile = join(dir, 'state.json');
    const first = await spawnAnvil({ port: 0, stateFile });
    started.push(first);
    expect(first.rpcUrl).toBe(`http://127.0.0.1:${first.port}`);
    const provider = await connectRpc(first.rpcUrl);
    const { address } = await deployLedger(devWallet(0, provider));
    provider.destroy();
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    process.kill(first.pid, 'SIGKILL');
    await first.stop();

    const second = await spawnAnvil({ port: 0, stateFile });
    started.push(second);
    const again = await connectRpc(second.rpcUrl);
    expect(await again.getCode(address)).not.toBe('0x');
    again.destroy();
  });

  it('says why when the port is taken', async () => {
    const holder = await spawnAnvil({ port: 0 });
    started.push(holder);
    await expect(spawnAnvil({ port: holder.port })).rejects.toMatchObject({
      code: 'CHAIN_START_FAILED',
      message: expect.stringContaining('anvil did not start: exited with code'),
    });
  });

  it('stops anvil when the process that started it is killed outright (no clean-up code runs)', async () => {
    await expectChainGoneWithParent(PARENT);
  }, 60_000);
});
