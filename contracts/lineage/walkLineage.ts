// Walks a model's lineage on the ledger: its round, then prevModelHash back to the genesis model, with events.
import type { Contract, EventLog, Log, Provider } from 'ethers';
import type { Hash32 } from '../../common/canonicalJson.ts';
import { MedflError } from '../../common/MedflError.ts';
import { contributionsRoot } from '../../common/wire/contributionsRoot.ts';
import { ledgerContract } from '../ledgerContract.ts';
import type { Lineage, LineageContribution, LineageRound } from './Lineage.ts';

const ZERO_HASH = `0x${'0'.repeat(64)}`;

interface RunRecord {
  planHash: Hash32;
  genesisModelHash: Hash32;
  coordinator: string;
  quorum: bigint;
}

function eventArgs(log: EventLog | Log): Record<string, unknown> {
  if (!('args' in log)) throw new MedflError('LINEAGE_BROKEN', `log ${log.transactionHash}:${log.index} does not decode with the RoundLedger ABI`);
  return log.args.toObject() as Record<string, unknown>;
}

/** One round read back: its stored record plus the RoundCommitted and ContributionRecorded events of its block. */
async function readRound(ledger: Contract, provider: Provider, runId: bigint, round: number): Promise<LineageRound> {
  const record = (await ledger.getFunction('getRound')(runId, round)) as Record<string, bigint | string>;
  if (record.modelHash === ZERO_HASH) throw new MedflError('LINEAGE_BROKEN', `run ${runId} has no round ${round} on the ledger, yet a later round builds on it`);
  const block = Number(record.blockNumber);
  const [committed] = await ledger.queryFilter(ledger.filters.RoundCommitted!(runId, round), block, block);
  if (!committed) throw new MedflError('LINEAGE_BROKEN', `no RoundCommitted event for run ${runId} round ${round} in block ${block}`);
  const contributionLogs = await ledger.queryFilter(ledger.filters.ContributionRecorded!(runId, round), block, block);
  const event = eventArgs(committed);
  const contributions: LineageContribution[] = contributionLogs.map((log) => {
    const args = eventArgs(log);
    return { site: String(args.site), examples: Number(args.examples), digest: String(args.digest) as Hash32 };
  });
  const timestamp = Number(record.timestamp ?? (await provider.getBlock(block))?.timestamp ?? 0);
  return {
    round,
    prevModelHash: String(event.prevModelHash) as Hash32,
    modelHash: String(record.modelHash) as Hash32,
    aggregateDigest: String(record.aggregateDigest) as Hash32,
    contributionsRoot: String(record.contributionsRoot) as Hash32,
    totalExamples: Number(record.totalExamples),
    blockNumber: block,
    committedAt: new Date(timestamp * 1000).toISOString(),
    txHash: committed.transactionHash,
    attesters: (event.attesters as string[]).map(String),
    contributions,
  };
}

/** What a reviewer's tool re-checks rather than trusting the RPC: links, contribution roots, example totals. */
function findProblems(run: RunRecord, rounds: readonly LineageRound[]): string[] {
  const problems: string[] = [];
  rounds.forEach((round, index) => {
    const expectedPrev = index === 0 ? run.genesisModelHash : rounds[index - 1]!.modelHash;
    if (round.prevModelHash !== expectedPrev) problems.push(`round ${round.round} starts from ${round.prevModelHash}, not from ${expectedPrev}`);
    const leaves = round.contributions.map((c) => ({ site: c.site, address: c.site, examples: c.examples, digest: c.digest }));
    const root = leaves.length > 0 ? contributionsRoot(leaves) : ZERO_HASH;
    if (root !== round.contributionsRoot) problems.push(`round ${round.round}: its ContributionRecorded events hash to ${root}, not to the committed root ${round.contributionsRoot}`);
    const summed = round.contributions.reduce((sum, c) => sum + c.examples, 0);
    if (summed !== round.totalExamples) problems.push(`round ${round.round}: contributions add up to ${summed} examples, not ${round.totalExamples}`);
  });
  return problems;
}

async function runOfModel(ledger: Contract, ledgerAddress: string, modelHash: Hash32): Promise<{ runId: bigint; round: number }> {
  const [runId, round] = (await ledger.getFunction('roundOfModel')(modelHash)) as [bigint, bigint];
  if (runId === 0n) {
    throw new MedflError('MODEL_NOT_ON_LEDGER', `model hash ${modelHash} is unknown to the ledger at ${ledgerAddress}: no round committed this model (a changed byte changes the hash)`, {
      details: { modelHash, ledger: ledgerAddress },
    });
  }
  return { runId, round: Number(round) };
}

/** Reads the lineage of `modelHash`; MODEL_NOT_ON_LEDGER when no round produced it, LEDGER_NOT_DEPLOYED when there is no ledger. */
export async function walkLineage(provider: Provider, ledgerAddress: string, modelHash: Hash32): Promise<Lineage> {
  if ((await provider.getCode(ledgerAddress)) === '0x') {
    throw new MedflError('LEDGER_NOT_DEPLOYED', `no contract at ${ledgerAddress} on this chain; check --ledger and --rpc`);
  }
  const ledger = ledgerContract(ledgerAddress, provider);
  const { runId, round } = await runOfModel(ledger, ledgerAddress, modelHash);
  const run = (await ledger.getFunction('getRun')(runId)) as RunRecord;
  const rounds: LineageRound[] = [];
  for (let r = round; r >= 1; r--) rounds.unshift(await readRound(ledger, provider, runId, r));
  const { chainId } = await provider.getNetwork();
  return {
    ledger: ledgerAddress,
    chainId: Number(chainId),
    runId: runId.toString(),
    planHash: run.planHash,
    genesisModelHash: run.genesisModelHash,
    coordinator: run.coordinator,
    quorum: Number(run.quorum),
    rounds,
    problems: findProblems(run, rounds),
  };
}
