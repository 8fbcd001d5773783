// Step 6 on a site: take the committed model as the new global model, after checking it against the chain.
// A node that missed rounds (down, or restarted) replays each committed aggregate from its own model forward.
import { MedflError } from '../../common/MedflError.ts';
import type { CommittedRound } from '../../common/wire/protocolTypes.ts';
import { evaluateModel } from '../training/evaluateModel.ts';
import { checkAggregateHeader } from './checkAggregate.ts';
import { nextGlobalModel } from './nextGlobalModel.ts';
import { receiveAggregate } from './receiveAggregate.ts';
import type { Candidate, SiteNode } from './SiteNode.ts';

async function replayRound(node: SiteNode, round: number): Promise<Candidate> {
  const { strategy, kit, split } = node.parts;
  const { meanUpdate } = await receiveAggregate(node, round, (header) => {
    checkAggregateHeader(header, kit.consortium);
    if (header.prevModelHash !== node.progress.modelHash) {
      throw new MedflError('LINEAGE_BROKEN', `round ${round} builds on ${header.prevModelHash}, not on this node's model ${node.progress.modelHash}`);
    }
  });
  const next = nextGlobalModel(node.global, meanUpdate, strategy, node.progress.strategyState);
  const measured = await evaluateModel(next.model, split.test);
  return { ...next, round, metrics: { ...measured, auroc: measured.auroc ?? Number.NaN } };
}

async function adoptRound(node: SiteNode, runId: string, round: number, commit: CommittedRound | undefined): Promise<void> {
  const candidate = node.candidate?.round === round ? node.candidate : await replayRound(node, round);
  const onChain = await node.parts.ledger.committedModelHash(runId, round);
  if (onChain !== candidate.modelHash) {
    throw new MedflError('LINEAGE_BROKEN', `this node computed ${candidate.modelHash} for round ${round}, but the chain holds ${onChain ?? 'nothing'}`);
  }
  const { kit, ledger } = node.parts;
  const progress = { runId, round, modelHash: candidate.modelHash, strategyState: candidate.strategyState };
  const provenance = {
    runId, round, modelHash: candidate.modelHash, prevModelHash: node.progress.modelHash, chainId: ledger.chainId,
    ledgerAddress: ledger.ledgerAddress, txHash: commit?.txHash ?? '', contributors: commit?.contributions ?? [], attesters: commit?.attesters ?? [],
  };
  const own = [...node.submitted.entries()].find(([key]) => key.startsWith(`${round}/`))?.[1];
  const metrics = { ...candidate.metrics, auroc: Number.isNaN(candidate.metrics.auroc) ? null : candidate.metrics.auroc };
  const line = { round, site: kit.id, modelHash: candidate.modelHash, txHash: provenance.txHash, trainLoss: own?.loss ?? null, ...metrics };
  node.parts.state.saveCommitted(candidate.model, progress, provenance, line);
  node.global = candidate.model;
  node.progress = progress;
  node.candidate = undefined;
  node.log.info({ round, modelHash: candidate.modelHash }, 'committed model adopted');
}

/** Adopts every committed round from this node's round + 1 up to `commit.round`, in order. */
export async function adoptCommit(node: SiteNode, runId: string, commit: CommittedRound): Promise<void> {
  for (let round = node.progress.round + 1; round <= commit.round; round += 1) {
    await adoptRound(node, runId, round, round === commit.round ? commit : undefined);
  }
}
