// Steps 1-2 on a site: check the task, train locally, clip, add noise, encrypt, sign and stream the update.
import type { Hash32 } from '../../common/canonicalJson.ts';
import { assertPlanApproved } from '../../common/kit/planApproval.ts';
import { MedflError } from '../../common/MedflError.ts';
import { chunksDigest } from '../../common/wire/chunksDigest.ts';
import { signEnvelope } from '../../common/wire/envelopeSigning.ts';
import type { RoundTask } from '../../common/wire/protocolTypes.ts';
import { trainLocal } from '../training/trainLocal.ts';
import { updatePipeline } from '../update/updatePipeline.ts';
import type { SiteNode } from './SiteNode.ts';
import { trainingSeed } from './trainingSeed.ts';

/** Refuses a task this node must not run: unapproved plan, other plan, or a parent model it does not hold. */
export async function checkTask(node: SiteNode, task: RoundTask): Promise<void> {
  const { kit, planHash, ledger, codec } = node.parts;
  assertPlanApproved(kit.dir, task.planHash);
  if (task.planHash !== planHash) throw new MedflError('PLAN_MISMATCH', `the task is for plan ${task.planHash}, this node runs plan ${planHash}`);
  if (task.codecId !== codec.codecId) {
    throw new MedflError('CODEC_ID_MISMATCH', `the task uses codec ${task.codecId} but this node's codec is ${codec.codecId}`);
  }
  if (task.prevModelHash !== node.progress.modelHash) {
    throw new MedflError('MODEL_HASH_MISMATCH', `round ${task.round} starts from ${task.prevModelHash}, but this node's global model is ${node.progress.modelHash}`);
  }
  const onChain = await ledger.latestModel(task.runId);
  if (onChain.modelHash !== task.prevModelHash || onChain.round !== task.round - 1) {
    throw new MedflError('MODEL_HASH_MISMATCH', `round ${task.round} starts from ${task.prevModelHash}, but the chain's latest commit for run ${task.runId} is round ${onChain.round} with ${onChain.modelHash}`);
  }
}

export async function contributeRound(node: SiteNode, task: RoundTask): Promise<void> {
  await checkTask(node, task);
  const { plan, split, codec, kit } = node.parts;
  const local = await trainLocal(node.global, split.train, {
    training: plan.training,
    seed: trainingSeed(plan.seed, kit.id, task.round, task.attempt),
    ...(task.proximalMu > 0 ? { proximal: { mu: task.proximalMu } } : {}),
  });
  const update = updatePipeline(plan)(local.model.weights, node.global.weights);
  // Materialised once: the signed envelope carries the digest of all chunks and goes before them.
  const chunks = [...codec.encryptUpdate(update.values, local.examples)];
  const envelope = signEnvelope(
    { runId: task.runId, round: task.round, attempt: task.attempt, site: kit.id, examples: local.examples, codecId: codec.codecId, digest: chunksDigest(chunks), chunkCount: chunks.length },
    kit.signingSecretKey!,
  );
  let digest: Hash32 | undefined = envelope.digest;
  try {
    const receipt = await node.connection().submitUpdate(envelope, chunks);
    node.log.info({ round: task.round, examples: local.examples, loss: local.loss, norm: update.normBeforeClip, updatesIn: receipt.updatesIn }, 'update accepted by the coordinator');
  } catch (thrown) {
    // The coordinator already holds an update of ours (its ack was lost before a restart): nothing to resend. That
    // upload was encrypted with other randomness, so this envelope's digest is not the one its leaf carries.
    if (!(thrown instanceof MedflError && thrown.code === 'UPDATE_DUPLICATE')) throw thrown;
    digest = undefined;
  }
  node.submitted.set(`${task.round}/${task.attempt}`, { digest, examples: local.examples, loss: local.loss });
}
