// Step 6 on a site: take a committed round's model as the new global model, after checking it against the chain.
// A node that missed rounds (down, or restarted) replays each committed aggregate from its own model forward.
import type { Hash32 } from '../../common/canonicalJson.ts';
import type { Consortium } from '../../common/kit/Consortium.ts';
import { MedflError } from '../../common/MedflError.ts';
import type { ModelArtifact } from '../../common/model/ModelArtifact.ts';
import type { CommittedRound, ContributionLeaf } from '../../common/wire/protocolTypes.ts';
import type { SiteLedger } from '../ports.ts';
import { awaitChainRound, type ChainWaitContext } from './awaitChainRound.ts';
import { checkAggregateHeader } from './checkAggregate.ts';
import { deriveCandidate, type Candidate, type CandidateContext } from './deriveCandidate.ts';
import type { SiteProgress } from './SiteState.ts';

export interface AdoptContext extends CandidateContext, ChainWaitContext {
  readonly site: string;
  readonly consortium: Consortium;
  readonly ledger: Pick<SiteLedger, 'chainId' | 'ledgerAddress' | 'committedModelHash' | 'latestModel'>;
  /** The node's progress, whose model the round must build on. */
  readonly progress: SiteProgress;
}

/** Which round to adopt; `commit` is the chain's record when the status carried it (the newest round only). */
export interface RoundToAdopt {
  readonly runId: string;
  readonly round: number;
  readonly commit?: CommittedRound;
  /** The node's own candidate for this round, if it attested it; otherwise the round is replayed. */
  readonly candidate?: Candidate;
  /** This node's training loss in the round, if it contributed. */
  readonly trainLoss?: number;
  /** How long to wait for a chain that does not hold the round yet (it lost it and the coordinator re-sends it). */
  readonly waitUntilUnixMs: number;
}

/** provenance.json next to the model: which run and round made it, on which chain, from which sites. */
export interface RoundProvenance {
  readonly runId: string;
  readonly round: number;
  readonly modelHash: Hash32;
  readonly prevModelHash: Hash32;
  readonly chainId: number;
  readonly ledgerAddress: string;
  readonly txHash: string;
  readonly contributors: readonly ContributionLeaf[];
  readonly attesters: readonly string[];
}

export interface AdoptedRound {
  /** The committed attempt and the sites whose updates it holds. */
  readonly attempt: number;
  readonly contributors: readonly string[];
  readonly model: ModelArtifact;
  readonly progress: SiteProgress;
  readonly provenance: RoundProvenance;
  /** The round's line of metrics.jsonl. */
  readonly metricsLine: object;
}

async function replayRound(context: AdoptContext, round: number): Promise<Candidate> {
  const { candidate } = await deriveCandidate(context, round, (header) => {
    checkAggregateHeader(header, context.consortium);
    if (header.prevModelHash !== context.progress.modelHash) {
      throw new MedflError('LINEAGE_BROKEN', `round ${round} builds on ${header.prevModelHash}, not on this node's model ${context.progress.modelHash}`);
    }
  });
  return candidate;
}

/** The model the chain holds for the round; a chain that lost the round is waited for until `waitUntilUnixMs`. */
async function chainModel(context: AdoptContext, target: RoundToAdopt): Promise<Hash32 | undefined> {
  const { runId, round } = target;
  const onChain = await context.ledger.committedModelHash(runId, round);
  if (onChain !== undefined) return onChain;
  await awaitChainRound(context, runId, round, target.waitUntilUnixMs);
  return context.ledger.committedModelHash(runId, round);
}

/** The round's model with the progress, provenance and metrics to save, once its hash is the one the chain holds. */
export async function adoptRound(context: AdoptContext, target: RoundToAdopt): Promise<AdoptedRound> {
  const { runId, round, commit } = target;
  const candidate = target.candidate?.round === round ? target.candidate : await replayRound(context, round);
  const { ledger, site } = context;
  const onChain = await chainModel(context, target);
  if (onChain !== candidate.modelHash) {
    throw new MedflError('LINEAGE_BROKEN', `this node computed ${candidate.modelHash} for round ${round}, but the chain holds ${onChain ?? 'nothing'}`);
  }
  const progress = { runId, round, modelHash: candidate.modelHash, strategyState: candidate.strategyState };
  const provenance = {
    runId, round, modelHash: candidate.modelHash, prevModelHash: context.progress.modelHash, chainId: ledger.chainId,
    ledgerAddress: ledger.ledgerAddress, txHash: commit?.txHash ?? '', contributors: commit?.contributions ?? [], attesters: commit?.attesters ?? [],
  };
  const metricsLine = { round, site, modelHash: candidate.modelHash, txHash: provenance.txHash, trainLoss: target.trainLoss ?? null, ...candidate.metrics };
  return { attempt: candidate.attempt, contributors: candidate.contributors, model: candidate.model, progress, provenance, metricsLine };
}
