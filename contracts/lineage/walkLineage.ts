// Walks a model's lineage on the ledger: its round, then prevModelHash back to the genesis model, with events and
// the signers recovered from each commit transaction.
import type { Contract, Interface, Provider } from 'ethers';
import type { Hash32 } from '../../common/canonicalJson.ts';
import { MedflError } from '../../common/MedflError.ts';
import { findModelRound } from '../findModelRound.ts';
import { ledgerContract } from '../ledgerContract.ts';
import type { LedgerDomain } from '../attestation.ts';
import { requireLedger } from '../chain/requireLedger.ts';
import { readRoundEvents, readRunSites } from '../ledgerEvents.ts';
import type { Lineage, LineageRound } from './Lineage.ts';
import { lineageProblems } from './lineageProblems.ts';
import { roundSigners } from './roundSigners.ts';

const ZERO_HASH = `0x${'0'.repeat(64)}`;

interface RunRecord {
  planHash: Hash32;
  genesisModelHash: Hash32;
  coordinator: string;
  quorum: bigint;
  sitesHash: Hash32;
}

/** One round read back: its stored record, the RoundCommitted and ContributionRecorded events of its block, its signers. */
async function readRound(ledger: Contract, provider: Provider, domain: LedgerDomain, runId: bigint, round: number): Promise<LineageRound> {
  const record = (await ledger.getFunction('getRound')(runId, round)) as Record<string, bigint | string>;
  if (record.modelHash === ZERO_HASH) throw new MedflError('LINEAGE_BROKEN', `run ${runId} has no round ${round} on the ledger, yet a later round builds on it`);
  const block = Number(record.blockNumber);
  const events = await readRoundEvents(ledger, provider, runId.toString(), round, block);
  if (!events) throw new MedflError('LINEAGE_BROKEN', `no RoundCommitted event for run ${runId} round ${round} in block ${block}`);
  const attested = {
    round,
    prevModelHash: events.prevModelHash,
    modelHash: String(record.modelHash) as Hash32,
    aggregateDigest: String(record.aggregateDigest) as Hash32,
    contributionsRoot: String(record.contributionsRoot) as Hash32,
    totalExamples: Number(record.totalExamples),
  };
  const signers = await roundSigners(provider, ledger.interface as Interface, domain, { runId: runId.toString(), ...attested }, events.txHash);
  return {
    ...attested,
    blockNumber: block,
    committedAt: new Date(events.blockTime * 1000).toISOString(),
    txHash: events.txHash,
    attesters: events.attesters,
    signers,
    contributions: events.contributions.map((c) => ({ site: c.address, examples: c.examples, digest: c.digest, epsilonMicros: c.epsilonMicros, consentRoot: c.consentRoot })),
  };
}

/** The round whose lineage is walked: the first of the run (named, or the only one) that produced `modelHash`. */
async function roundOfModel(ledger: Contract, ledgerAddress: string, modelHash: Hash32, runId?: string): Promise<{ runId: bigint; round: number }> {
  const found = await findModelRound(ledger, modelHash, runId);
  if (!found) {
    const where = runId === undefined ? `unknown to the ledger at ${ledgerAddress}: no round committed this model` : `not a model of run ${runId} on the ledger at ${ledgerAddress}: no round of that run committed it`;
    throw new MedflError('MODEL_NOT_ON_LEDGER', `model hash ${modelHash} is ${where} (a changed byte changes the hash)`, {
      details: { modelHash, ledger: ledgerAddress, ...(runId === undefined ? {} : { runId }) },
    });
  }
  return { runId: BigInt(found.runId), round: found.round };
}

/**
 * Reads the lineage of `modelHash` in `runId`, or in the one run that committed it when none is named: back from the
 * first round that produced it. MODEL_NOT_ON_LEDGER when no round produced it, MODEL_IN_SEVERAL_RUNS when several
 * runs did and none is named, LEDGER_NOT_DEPLOYED when there is no ledger.
 */
export async function walkLineage(provider: Provider, ledgerAddress: string, modelHash: Hash32, runId?: string): Promise<Lineage> {
  await requireLedger(provider, ledgerAddress);
  const ledger = ledgerContract(ledgerAddress, provider);
  const found = await roundOfModel(ledger, ledgerAddress, modelHash, runId);
  const run = (await ledger.getFunction('getRun')(found.runId)) as RunRecord;
  const chainId = Number((await provider.getNetwork()).chainId);
  const rounds: LineageRound[] = [];
  for (let r = found.round; r >= 1; r--) rounds.unshift(await readRound(ledger, provider, { chainId, ledger: ledgerAddress }, found.runId, r));
  return {
    ledger: ledgerAddress,
    chainId,
    runId: found.runId.toString(),
    planHash: run.planHash,
    genesisModelHash: run.genesisModelHash,
    coordinator: run.coordinator,
    quorum: Number(run.quorum),
    sites: await readRunSites(ledger, found.runId.toString()),
    sitesHash: run.sitesHash,
    rounds,
    problems: lineageProblems(run.genesisModelHash, rounds),
  };
}
