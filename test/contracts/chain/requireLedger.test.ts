// A wrong --ledger is named LEDGER_NOT_DEPLOYED, on the shared test chain.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { JsonRpcProvider } from 'ethers';
import { MedflError } from '../../../common/MedflError.ts';
import { connectRpc } from '../../../contracts/chain/connectRpc.ts';
import { requireLedger } from '../../../contracts/chain/requireLedger.ts';

describe('requireLedger', () => {
  const chain = inject('sharedChain');
  let provider: JsonRpcProvider;
  beforeAll(async () => {
    provider = await connectRpc(chain.rpcUrl);
  });
  afterAll(() => provider.destroy());

  it('accepts the deployed ledger', async () => {
    await expect(requireLedger(provider, chain.ledgerAddress)).resolves.toBeUndefined();
  });

  it('names an address with no contract LEDGER_NOT_DEPLOYED', async () => {
    const wrong = `0x${'0'.repeat(39)}1`;
    const error = await requireLedger(provider, wrong).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(MedflError);
    expect(error).toMatchObject({ code: 'LEDGER_NOT_DEPLOYED', message: `no contract at ${wrong} on this chain; check --ledger and --rpc` });
  });
});
