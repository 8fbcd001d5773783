// Registers a run on the ledger (createRun) and reads its id back from the RunCreated event.
import type { ContractTransactionResponse } from 'ethers';
import type { Hash32 } from '../common/canonicalJson.ts';
import { MedflError } from '../common/MedflError.ts';
import { decodeLedgerError } from './decodeLedgerError.ts';
import type { LedgerConnection } from './LedgerConnection.ts';

/** The fields a run is created with; the same fields find it again after a lost answer (findCreatedRun). */
export interface LedgerRunInput {
  readonly planHash: Hash32;
  readonly genesisModelHash: Hash32;
  readonly sites: readonly string[];
  readonly quorum: number;
}

/** Creates the run and waits for it to be mined; returns its on-chain id as a decimal string. */
export async function createLedgerRun(ledger: LedgerConnection, input: LedgerRunInput): Promise<string> {
  const action = 'createRun';
  try {
    const tx = (await ledger.contract.getFunction('createRun')(input.planHash, input.genesisModelHash, [...input.sites], input.quorum)) as ContractTransactionResponse;
    const receipt = await tx.wait();
    if (!receipt || receipt.status !== 1) throw new MedflError('LEDGER_REVERTED', `${action}: transaction ${tx.hash} failed on chain`);
    const created = receipt.logs.map((entry) => ledger.abi.parseLog(entry)).find((parsed) => parsed?.name === 'RunCreated');
    if (!created) throw new MedflError('INTERNAL', 'createRun was mined but emitted no RunCreated event');
    return String(created.args[0]);
  } catch (thrown) {
    throw decodeLedgerError(ledger.abi, action, thrown);
  }
}
