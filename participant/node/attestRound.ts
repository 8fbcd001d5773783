// Step 5 on a site: fetch, check and decrypt the aggregate, derive the next model, evaluate it, sign and send the attestation.
import { MedflError } from '../../common/MedflError.ts';
import type { RoundTask, ValidationMetrics } from '../../common/wire/protocolTypes.ts';
import { evaluateModel } from '../training/evaluateModel.ts';
import { checkAggregateHeader } from './checkAggregate.ts';
import { nextGlobalModel } from './nextGlobalModel.ts';
import { receiveAggregate } from './receiveAggregate.ts';
import type { SiteNode } from './SiteNode.ts';

export async function attestRound(node: SiteNode, task: RoundTask): Promise<void> {
  const { kit, strategy, ledger, split } = node.parts;
  const key = `${task.round}/${task.attempt}`;
  const own = node.submitted.get(key);
  const { header, meanUpdate } = await receiveAggregate(node, task.round, (header) => {
    if (header.runId !== task.runId || header.attempt !== task.attempt) {
      throw new MedflError('ROUND_MISMATCH', `asked for run ${task.runId} round ${task.round} attempt ${task.attempt}, got run ${header.runId} round ${header.round} attempt ${header.attempt}`);
    }
    if (header.prevModelHash !== node.progress.modelHash) {
      throw new MedflError('MODEL_HASH_MISMATCH', `the aggregate builds on ${header.prevModelHash}, but this node's global model is ${node.progress.modelHash}`);
    }
    checkAggregateHeader(header, kit.consortium, own?.digest ? { site: kit.id, digest: own.digest, examples: own.examples } : undefined);
  });
  const next = nextGlobalModel(node.global, meanUpdate, strategy, node.progress.strategyState);
  const measured = await evaluateModel(next.model, split.test);
  const metrics: ValidationMetrics = { ...measured, auroc: measured.auroc ?? Number.NaN };
  const fields = {
    runId: header.runId,
    round: header.round,
    prevModelHash: header.prevModelHash,
    modelHash: next.modelHash,
    aggregateDigest: header.aggregateDigest,
    contributionsRoot: header.contributionsRoot,
    totalExamples: header.totalExamples,
  };
  const signature = await ledger.signAttestation(fields);
  node.candidate = { ...next, round: task.round, metrics };
  try {
    const receipt = await node.connection().submitAttestation({ ...fields, attempt: task.attempt, site: kit.id, signature, metrics });
    node.log.info({ round: task.round, modelHash: next.modelHash, accuracy: metrics.accuracy, matching: receipt.matching }, 'attestation accepted');
  } catch (thrown) {
    // A quorum committed the round before this attestation arrived; the commit will reach us as a status.
    if (!(thrown instanceof MedflError && (thrown.code === 'ROUND_MISMATCH' || thrown.code === 'UPDATE_DUPLICATE'))) throw thrown;
  }
  node.attested.add(key);
}
