// Steps 1-2 on a site: check the task, train locally, pass the update through the plan's pipeline, encrypt and sign it;
// then stream it and check and keep the coordinator's signed receipt for it.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Hash32 } from '../../common/canonicalJson.ts';
import type { Kit } from '../../common/kit/loadKit.ts';
import type { Logger } from '../../common/log.ts';
import { MedflError } from '../../common/MedflError.ts';
import type { ModelArtifact } from '../../common/model/ModelArtifact.ts';
import type { Plan } from '../../common/plan/planSchema.ts';
import { siteDpSgd } from '../../common/privacy/siteDpSgd.ts';
import type { RoundTask, UpdateEnvelope, UpdateReceipt } from '../../common/wire/protocolTypes.ts';
import type { SiteSplit } from '../../datasets/tabular.ts';
import { recordRoundConsent, type RoundConsentSite } from '../consent/recordRoundConsent.ts';
import type { SiteCodec, SiteLedger } from '../ports.ts';
import type { PrivacySpend } from '../privacy/PrivacySpend.ts';
import { trainLocal } from '../training/trainLocal.ts';
import type { UpdatePipeline } from '../update/updatePipeline.ts';
import { checkReceipt } from './checkReceipt.ts';
import { checkTask, type TaskContext } from './checkTask.ts';
import { scaffoldAttempt, type ScaffoldSite } from './scaffoldAttempt.ts';
import { sendUpdate, type UpdateUploader } from './sendUpdate.ts';
import { signUpdate } from './signUpdate.ts';
import type { SiteState } from './SiteState.ts';
import { trainingSeed } from './trainingSeed.ts';
import { preparedUpdateFile } from './preparedUpdateFile.ts';
import { writeChunkFile, type UpdateChunkFile } from './updateChunkFile.ts';

export interface ContributeContext extends TaskContext {
  readonly kit: Pick<Kit, 'id' | 'signingSecretKey'>;
  readonly plan: Pick<Plan, 'training' | 'seed' | 'privacy' | 'rounds'>;
  /** This site's training data for the round, with the ids of the patients behind it (FHIR data). */
  readonly split: Pick<SiteSplit, 'train' | 'trainPatients'>;
  /** Where the round's consent key and record live (participant/consent/recordRoundConsent.ts). */
  readonly consent: RoundConsentSite;
  readonly codec: Pick<SiteCodec, 'codecId' | 'encryptUpdate' | 'sumCheck'>;
  readonly client: UpdateUploader;
  /** The node's global model, which local training starts from and the update is measured against. */
  readonly global: ModelArtifact;
  readonly pipeline: UpdatePipeline;
  /** The site's out folder: its prepared updates are encrypted into files under prepared-updates/ there. */
  readonly outDir: string;
  /** The plan's per-site example cap (exampleCap.ts): the most this site's update is weighted by. */
  readonly exampleCap: number;
  readonly log: Logger;
  readonly ledger: Pick<SiteLedger, 'latestModel' | 'receiptSigner'>;
  /** The consortium's coordinator, whose key must sign receipts, and this site's own address, which they must name. */
  readonly addresses: { readonly coordinator: string; readonly site: string };
  readonly receipts: Pick<SiteState, 'saveReceipt' | 'heldReceipt'>;
  /** SCAFFOLD only: this site's control variates, which correct local training and add Δc to the update. */
  readonly scaffold?: ScaffoldSite;
  /** The site's DP budget under a plan with DP-SGD; absent without it (the envelope then declares 0 ε). */
  readonly privacySpend?: PrivacySpend;
}

/**
 * What the coordinator holds from this node for a round attempt. No digest when it already held an earlier upload of
 * ours whose receipt this node does not hold: CKKS encrypts afresh, so that upload's digest is unknown.
 */
export interface SubmittedUpdate {
  readonly digest?: Hash32;
  readonly examples: number;
  readonly loss: number;
}

/** An update signed and encrypted for one round attempt, kept on disk until the coordinator acknowledges it. */
export interface PreparedUpdate {
  readonly envelope: UpdateEnvelope;
  readonly chunks: UpdateChunkFile;
  readonly loss: number;
  readonly normBeforeClip: number | undefined;
}

/** Checks the task, trains, runs the plan's pipeline, encrypts and signs: the update this node sends for `task`. */
export async function prepareUpdate(context: ContributeContext, task: RoundTask): Promise<PreparedUpdate> {
  await checkTask(context, task);
  const { plan, codec, kit, global } = context;
  const { train, trainPatients } = context.split;
  // Recorded before training: PRIVACY_BUDGET_EXHAUSTED here means nothing is trained or sent for this round.
  const epsilonMicros = context.privacySpend?.reserve(task, train.rows) ?? 0;
  // Recorded before the update is signed, so every consent root that can reach the chain has its record on this site.
  const consentRoot = recordRoundConsent(context.consent, task, trainPatients);
  const scaffold = context.scaffold && scaffoldAttempt(context.scaffold, task, global.weights);
  const dpSgd = siteDpSgd(plan, train.rows);
  const local = await trainLocal(global, train, {
    training: plan.training,
    seed: trainingSeed(plan.seed, kit.id, task.round, task.attempt),
    ...(task.proximalMu > 0 ? { proximal: { mu: task.proximalMu } } : {}),
    ...(scaffold ? { controlCorrection: scaffold.correction } : {}),
    ...(dpSgd ? { dpSgd } : {}),
  });
  const update = context.pipeline(local.model.weights, global.weights, scaffold?.controlDelta(local.model.weights, local.steps));
  scaffold?.keep(update.values);
  // Trained on every row, weighted by at most the cap: the coordinator and every site refuse a larger claim.
  const examples = Math.min(local.examples, context.exampleCap);
  // Encrypted straight into a file, one chunk at a time, and kept there before the first byte is sent: the signed
  // envelope carries the digest and fingerprint of all chunks and goes before them, so they are read back for those.
  const file = preparedUpdateFile(context.outDir, task, 'chunks');
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const chunks = writeChunkFile(file, codec.encryptUpdate(update.values, examples));
  const envelope = signUpdate({ site: kit.id, signingSecretKey: kit.signingSecretKey!, codec }, task, { examples, epsilonMicros, consentRoot }, chunks);
  return { envelope, chunks, loss: local.loss, normBeforeClip: update.normBeforeClip };
}

/**
 * Sends `prepared` (again after a lost reply: the coordinator answers the very same update with its original receipt;
 * after a broken-off upload only the chunks it lacks)
 * and keeps the receipt once it is the consortium's coordinator's signature over this update.
 */
export async function contributeRound(context: ContributeContext, task: RoundTask, prepared: PreparedUpdate): Promise<SubmittedUpdate> {
  const { envelope, chunks, loss } = prepared;
  let receipt: UpdateReceipt;
  try {
    receipt = await sendUpdate(context.client, envelope, chunks);
  } catch (thrown) {
    // The coordinator already holds another update of ours (sent before this node restarted): nothing to resend. That
    // upload was encrypted with other randomness; its digest is the one of the receipt this node kept, if it got one.
    if (!(thrown instanceof MedflError && thrown.code === 'UPDATE_DUPLICATE')) throw thrown;
    const held = context.receipts.heldReceipt(task.runId, task.round, task.attempt);
    return { ...(held ? { digest: held.receipt.digest } : {}), examples: held?.examples ?? envelope.examples, loss };
  }
  const expected = { runId: task.runId, round: task.round, attempt: task.attempt, site: context.addresses.site, digest: envelope.digest };
  const signed = checkReceipt(receipt, expected, context.addresses.coordinator, context.ledger);
  const file = context.receipts.saveReceipt({ receipt: signed, examples: envelope.examples });
  context.log.info({ round: task.round, examples: envelope.examples, loss, norm: prepared.normBeforeClip, updatesIn: receipt.updatesIn, receipt: file }, 'update accepted by the coordinator');
  return { digest: envelope.digest, examples: envelope.examples, loss };
}
