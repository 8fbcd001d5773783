// What ethers throws for real failed calls against a real chain, and the MedflError each becomes.
import { Contract, Interface, JsonRpcProvider, ZeroHash } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startChain, type RunningChain } from '../../contracts/chain/startChain.ts';
import { decodeLedgerError, isTransientRpcError } from '../../contracts/decodeLedgerError.ts';
import { ledgerArtifact } from '../../contracts/ledgerArtifact.ts';
import { CHAIN_ENGINES } from '../helpers/chainEngines.ts';


describe.each(CHAIN_ENGINES)('decodeLedgerError on a real %s', (engine) => {
  let chain: RunningChain;
  let provider: JsonRpcProvider;
  let ledger: Contract;

  beforeAll(async () => {
    chain = await startChain({ engine });
    provider = new JsonRpcProvider(chain.rpcUrl);
    ledger = new Contract(chain.ledgerAddress, new Interface(ledgerArtifact().abi as never), provider);
  }, 60_000);

  afterAll(async () => {
    provider?.destroy();
    await chain?.stop();
  });

  const failure = (call: Promise<unknown>) => call.then(() => expect.unreachable('the call succeeded'), (thrown: unknown) => thrown);

  it('takes a read of a block the node does not have (as after a reorg) for a passing outage, not a revert', async () => {
    const thrown = await failure(ledger.latestRound!(1n, { blockTag: 999_999 }));
    expect(isTransientRpcError(thrown)).toBe(true);
    const error = decodeLedgerError(ledger.interface, 'latestRound(run 1)', thrown);
    expect(error.code).toBe('CHAIN_UNAVAILABLE');
    expect(error.message).toMatch(/^latestRound\(run 1\): the chain's node could not answer now \(.*999999.*\); a reorg or restore may be under way$/);
  });

  it('still names a revert as one: a call the ledger refuses is not retried', async () => {
    // Refused by the role check, or (where the node calls from its first dev account, the deployer) as an unknown run.
    const thrown = await failure(ledger.closeAttempt!.staticCall(1n, 1n, 0n, ZeroHash));
    expect(isTransientRpcError(thrown)).toBe(false);
    expect(decodeLedgerError(ledger.interface, 'closeAttempt(run 1)', thrown)).toMatchObject({
      code: 'LEDGER_REVERTED', message: expect.stringMatching(/^closeAttempt\(run 1\) reverted: (AccessControlUnauthorizedAccount\(account=0x[0-9a-fA-F]{40}, neededRole=0x[0-9a-f]{64}\)|RoundLedgerUnknownRun\(runId=1\))$/),
    });
  });
});
