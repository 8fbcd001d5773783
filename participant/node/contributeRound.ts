// Steps 1-2 on a site: check the task, train locally, pass the update through the plan's pipeline, encrypt, sign and stream it.
import type { Hash32 } from '../../common/canonicalJson.ts';
import type { Kit } from '../../common/kit/loadKit.ts';
import type { Logger } from '../../common/log.ts';
import { MedflError } from '../../common/MedflError.ts';
import type { ModelArtifact } from '../../common/model/ModelArtifact.ts';
import type { Plan } from '../../common/plan/planSchema.ts';
import type { RoundTask } from '../../common/wire/protocolTypes.ts';
import type { TabularDataset } from '../../datasets/tabular.ts';
import type { SiteCodec } from '../ports.ts';
import { trainLocal } from '../training/trainLocal.ts';
import type { UpdatePipeline } from '../update/updatePipeline.ts';
import { checkTask, type TaskContext } from './checkTask.ts';
import type { CoordinatorClient } from './CoordinatorClient.ts';
import { signUpdate } from './signUpdate.ts';
import { trainingSeed } from './trainingSeed.ts';

export interface ContributeContext extends TaskContext {
  readonly kit: Pick<Kit, 'id' | 'signingSecretKey'>;
  readonly plan: Pick<Plan, 'training' | 'seed'>;
  /** This site's training data. */
  readonly train: TabularDataset;
  readonly codec: Pick<SiteCodec, 'codecId' | 'encryptUpdate' | 'sumCheck'>;
  readonly client: Pick<CoordinatorClient, 'submitUpdate'>;
  /** The node's global model, which local training starts from and the update is measured against. */
  readonly global: ModelArtifact;
  readonly pipeline: UpdatePipeline;
  readonly log: Logger;
}

/**
 * What the coordinator holds from this node for a round attempt. No digest when it already held an earlier upload of
 * ours: CKKS encrypts afresh, so that upload's digest is unknown.
 */
export interface SubmittedUpdate {
  readonly digest?: Hash32;
  readonly examples: number;
  readonly loss: number;
}

export async function contributeRound(context: ContributeContext, task: RoundTask): Promise<SubmittedUpdate> {
  await checkTask(context, task);
  const { plan, train, codec, kit, global } = context;
  const local = await trainLocal(global, train, {
    training: plan.training,
    seed: trainingSeed(plan.seed, kit.id, task.round, task.attempt),
    ...(task.proximalMu > 0 ? { proximal: { mu: task.proximalMu } } : {}),
  });
  const update = context.pipeline(local.model.weights, global.weights);
  // Materialised once: the signed envelope carries the digest and fingerprint of all chunks and goes before them.
  const chunks = [...codec.encryptUpdate(update.values, local.examples)];
  const envelope = signUpdate({ site: kit.id, signingSecretKey: kit.signingSecretKey!, codec }, task, local.examples, chunks);
  let digest: Hash32 | undefined = envelope.digest;
  try {
    const receipt = await context.client.submitUpdate(envelope, chunks);
    context.log.info({ round: task.round, examples: local.examples, loss: local.loss, norm: update.normBeforeClip, updatesIn: receipt.updatesIn }, 'update accepted by the coordinator');
  } catch (thrown) {
    // The coordinator already holds an update of ours (its ack was lost before a restart): nothing to resend. That
    // upload was encrypted with other randomness, so this envelope's digest is not the one its leaf carries.
    if (!(thrown instanceof MedflError && thrown.code === 'UPDATE_DUPLICATE')) throw thrown;
    digest = undefined;
  }
  return { digest, examples: local.examples, loss: local.loss };
}
