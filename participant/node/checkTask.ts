// Step 1 on a site: refuse a task this node must not run (unapproved plan, other plan or codec, a parent model it does not hold).
import type { Hash32 } from '../../common/canonicalJson.ts';
import { assertPlanApproved } from '../../common/kit/planApproval.ts';
import { MedflError } from '../../common/MedflError.ts';
import type { RoundTask } from '../../common/wire/protocolTypes.ts';
import { awaitChainRound, type ChainWaitContext } from './awaitChainRound.ts';

export interface TaskContext extends ChainWaitContext {
  /** The kit folder, where the operator's plan approvals live. */
  readonly kitDir: string;
  readonly planHash: Hash32;
  readonly codecId: string;
  /** The hash of the node's global model, which the task must start from. */
  readonly modelHash: Hash32;
}

/**
 * Throws unless the task is for the approved plan and codec this node runs and starts from its model and the chain's
 * latest. A chain behind the task's parent round (it lost commits) is waited for until the task's deadline; a chain
 * holding another model for that round is LINEAGE_BROKEN.
 */
export async function checkTask(context: TaskContext, task: RoundTask): Promise<void> {
  const { kitDir, planHash, codecId, ledger, modelHash } = context;
  assertPlanApproved(kitDir, task.planHash);
  if (task.planHash !== planHash) throw new MedflError('PLAN_MISMATCH', `the task is for plan ${task.planHash}, this node runs plan ${planHash}`);
  if (task.codecId !== codecId) {
    throw new MedflError('CODEC_ID_MISMATCH', `the task uses codec ${task.codecId} but this node's codec is ${codecId}`);
  }
  if (task.prevModelHash !== modelHash) {
    throw new MedflError('MODEL_HASH_MISMATCH', `round ${task.round} starts from ${task.prevModelHash}, but this node's global model is ${modelHash}`);
  }
  let onChain = await ledger.latestModel(task.runId);
  if (onChain.round < task.round - 1) onChain = await awaitChainRound(context, task.runId, task.round - 1, task.deadlineUnixMs);
  if (onChain.round === task.round - 1 && onChain.modelHash !== task.prevModelHash) {
    throw new MedflError('LINEAGE_BROKEN', `this node adopted ${task.prevModelHash} for round ${onChain.round} of run ${task.runId}, but the chain holds ${onChain.modelHash}`);
  }
  if (onChain.round !== task.round - 1) {
    throw new MedflError('MODEL_HASH_MISMATCH', `round ${task.round} starts from ${task.prevModelHash}, but the chain's latest commit for run ${task.runId} is round ${onChain.round} with ${onChain.modelHash}`);
  }
}
