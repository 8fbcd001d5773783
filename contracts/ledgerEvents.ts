// Reads a run's and a round's events: who contributed what, who attested, in which transaction and block.
import type { Contract, EventLog, Log, Provider } from 'ethers';
import type { Hash32 } from '../common/canonicalJson.ts';
import type { ContributionInput } from '../common/wire/contributionsTree.ts';

export interface RoundEvents {
  readonly txHash: string;
  readonly blockNumber: number;
  readonly blockTime: number;
  readonly prevModelHash: Hash32;
  readonly attesters: string[];
  readonly contributions: ContributionInput[];
}

/** A log ethers could decode with the ledger's ABI. */
export const isEventLog = (entry: EventLog | Log): entry is EventLog => 'args' in entry;

/** Events of round `round` of `runId`, looked up only in the block that committed it. */
export async function readRoundEvents(
  contract: Contract, provider: Provider, runId: string, round: number, blockNumber: number,
): Promise<RoundEvents | undefined> {
  const committed = (await contract.queryFilter(contract.filters.RoundCommitted!(runId, round), blockNumber, blockNumber)).filter(isEventLog);
  const event = committed[0];
  if (!event) return undefined;
  const contributed = (await contract.queryFilter(contract.filters.ContributionRecorded!(runId, round), blockNumber, blockNumber)).filter(isEventLog);
  const block = await provider.getBlock(blockNumber);
  return {
    txHash: event.transactionHash,
    blockNumber,
    blockTime: block?.timestamp ?? 0,
    prevModelHash: event.args.getValue('prevModelHash') as Hash32,
    attesters: [...(event.args.getValue('attesters') as string[])],
    contributions: contributed.map((entry) => ({
      address: entry.args.getValue('site') as string,
      examples: Number(entry.args.getValue('examples')),
      digest: entry.args.getValue('digest') as Hash32,
      epsilonMicros: Number(entry.args.getValue('epsilonMicros')),
      consentRoot: entry.args.getValue('consentRoot') as Hash32,
    })),
  };
}

/** The transaction that committed round `round` of `runId` in `blockNumber` (its RoundCommitted event), if the node has it. */
export async function readCommitTxHash(contract: Contract, runId: string, round: number, blockNumber: number): Promise<string | undefined> {
  const committed = await contract.queryFilter(contract.filters.RoundCommitted!(runId, round), blockNumber, blockNumber);
  return committed[0]?.transactionHash;
}

/** The sites a run registered, from its RunCreated event. */
export async function readRunSites(contract: Contract, runId: string): Promise<string[]> {
  const created = (await contract.queryFilter(contract.filters.RunCreated!(runId), 0)).filter(isEventLog);
  const event = created[0];
  return event ? [...(event.args.getValue('sites') as string[])] : [];
}
