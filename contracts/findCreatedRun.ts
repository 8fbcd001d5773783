// Finds a run this wallet already created, so a createRun whose answer was lost is not sent a second time.
import type { LedgerRunInput } from './createLedgerRun.ts';
import type { LedgerConnection } from './LedgerConnection.ts';

const sameSites = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x.toLowerCase() === b[i]?.toLowerCase());

/** A run the connection's wallet created with exactly these fields at or after `fromBlock` (from RunCreated events). */
export async function findCreatedRun(ledger: LedgerConnection, input: LedgerRunInput, fromBlock: number): Promise<string | undefined> {
  if (fromBlock > (await ledger.provider.getBlockNumber())) return undefined; // nodes refuse a range past their head
  const { contract, abi } = ledger;
  const created = await contract.queryFilter(contract.filters.RunCreated!(null, null, null, ledger.wallet.address), fromBlock);
  const match = created.find((entry) => {
    const args = abi.parseLog(entry)?.args;
    return args && args.getValue('planHash') === input.planHash && args.getValue('genesisModelHash') === input.genesisModelHash
      && Number(args.getValue('quorum')) === input.quorum && sameSites([...(args.getValue('sites') as string[])], input.sites);
  });
  return match ? String(abi.parseLog(match)!.args[0]) : undefined;
}
