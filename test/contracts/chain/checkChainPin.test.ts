import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChainPin } from '../../../common/kit/chainPin.ts';
import { MedflError } from '../../../common/MedflError.ts';
import { checkChainPin } from '../../../contracts/chain/checkChainPin.ts';
import { connectRpc } from '../../../contracts/chain/connectRpc.ts';
import { readChainPin } from '../../../contracts/chain/readChainPin.ts';
import { startChain, type RunningChain } from '../../../contracts/chain/startChain.ts';
import { CHAIN_ENGINES } from '../../helpers/chainEngines.ts';
import { startLaterChain } from '../../helpers/laterChain.ts';

async function pinOf(chain: RunningChain, ledger = chain.ledgerAddress): Promise<ChainPin> {
  const provider = await connectRpc(chain.rpcUrl);
  try {
    return await readChainPin(provider, ledger);
  } finally {
    provider.destroy();
  }
}

async function check(chain: RunningChain, pin: ChainPin, ledger = chain.ledgerAddress): Promise<MedflError | undefined> {
  const provider = await connectRpc(chain.rpcUrl);
  try {
    await checkChainPin(provider, chain.rpcUrl, ledger, pin);
    return undefined;
  } catch (error) {
    return error as MedflError;
  } finally {
    provider.destroy();
  }
}

describe.each(CHAIN_ENGINES)('readChainPin and checkChainPin on real %s chains', (engine) => {
  let honest: RunningChain;
  let pin: ChainPin;

  beforeAll(async () => {
    honest = await startChain({ engine, port: 0 });
    pin = await pinOf(honest);
  });

  afterAll(async () => {
    await honest?.stop();
  });

  it('pins chain id, ledger and the block that deployed the ledger, and the chain passes its own pin', async () => {
    expect(pin).toMatchObject({ chainId: 31337, ledger: honest.ledgerAddress, deployBlock: 1 });
    expect(pin.deployBlockHash).toMatch(/^0x[0-9a-f]{64}$/);
    expect(await check(honest, pin)).toBeUndefined();
  });

  it('a fresh chain with the same chain id and ledger address is CHAIN_MISMATCH naming only deployBlockHash', async () => {
    const attacker = await startLaterChain(honest, engine);
    try {
      expect(attacker.chainId).toBe(pin.chainId);
      expect(attacker.ledgerAddress).toBe(pin.ledger);
      const error = await check(attacker, pin);
      expect(error?.code).toBe('CHAIN_MISMATCH');
      expect(error?.message).toMatch(new RegExp(`^the chain at ${attacker.rpcUrl} is not the consortium's pinned chain: deployBlockHash \\(block 1\\) 0x[0-9a-f]{64}, pinned ${pin.deployBlockHash}$`));
    } finally {
      await attacker.stop();
    }
  });

  it('another ledger address and chain id are named as such', async () => {
    const error = await check(honest, { ...pin, chainId: 1, ledger: '0x0000000000000000000000000000000000000001' });
    expect(error?.message).toContain(`chainId 31337, pinned 1; ledger ${honest.ledgerAddress}, pinned 0x0000000000000000000000000000000000000001`);
  });

  it('no contract at the address is LEDGER_NOT_DEPLOYED', async () => {
    await expect(pinOf(honest, '0x0000000000000000000000000000000000000001')).rejects.toMatchObject({ code: 'LEDGER_NOT_DEPLOYED' });
  });
});

// Only anvil keeps its chain in a state file; EDR's chain ends with its process, so there is no restart to survive.
describe('the chain pin across an anvil restart', () => {
  const dir = mkdtempSync(join(tmpdir(), 'medfl-chain-pin-'));
  const stateFile = join(dir, 'chain.json');
  let honest: RunningChain | undefined;

  afterAll(async () => {
    await honest?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("survives a restart from the state file (block 0's hash did not in one of two restarts measured)", async () => {
    honest = await startChain({ port: 0, stateFile });
    const pin = await pinOf(honest);
    await honest.stop();
    honest = await startChain({ port: 0, stateFile });
    expect(honest.reused).toBe(true);
    expect(await check(honest, pin)).toBeUndefined();
  });
});
