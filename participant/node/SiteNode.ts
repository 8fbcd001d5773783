// One hospital node following one run: reacts to each RunStatus by contributing, attesting or adopting a commit.
// It alone holds and changes the node's state; each step gets the narrow context it needs and returns what it decided.
import type { Hash32 } from '../../common/canonicalJson.ts';
import { findSite } from '../../common/kit/Consortium.ts';
import type { Kit } from '../../common/kit/loadKit.ts';
import { childLogger, type Logger } from '../../common/log.ts';
import { asMedflError, MedflError } from '../../common/MedflError.ts';
import { meanBounds, type MeanBounds } from '../../common/he/meanBounds.ts';
import type { ModelArtifact } from '../../common/model/ModelArtifact.ts';
import { exampleCap } from '../../common/plan/exampleCap.ts';
import type { Plan } from '../../common/plan/planSchema.ts';
import { processMemoryMb } from '../../common/processMemory.ts';
import { updateLayout } from '../../common/plan/updateLayout.ts';
import type { Strategy } from '../../common/strategies/Strategy.ts';
import { runCodecParameters } from '../../common/wire/runCodecParameters.ts';
import { manifestProblems } from '../../common/wire/contributionsManifest.ts';
import type { CommittedRound, RoundTask, RunStatus } from '../../common/wire/protocolTypes.ts';
import type { SiteSplit } from '../../datasets/tabular.ts';
import { isThresholdCodec, type NodeCodec, type SiteLedger, type ThresholdSiteCodec } from '../ports.ts';
import type { PrivacySpend } from '../privacy/PrivacySpend.ts';
import { KeyShareFolder } from '../keyShares/KeyShareFolder.ts';
import { decryptRound } from '../threshold/decryptRound.ts';
import { keepUpdate, keptUpdate } from '../threshold/PreparedUpdates.ts';
import { gatherKeyShares, submitOwnKeyShares, type KeySetup, type RunKeys } from '../threshold/keySetup.ts';
import { createThresholdOpening, type ThresholdOpening } from '../threshold/thresholdOpening.ts';
import { updatePipeline, type UpdatePipeline } from '../update/updatePipeline.ts';
import { adoptRound, type AdoptedRound } from './adoptRound.ts';
import { attestRound, candidateForTask, type AttestContext } from './attestRound.ts';
import { contributeRound, prepareUpdate, type ContributeContext, type PreparedUpdate, type SubmittedUpdate } from './contributeRound.ts';
import type { CoordinatorClient } from './CoordinatorClient.ts';
import type { Candidate, CandidateContext } from './deriveCandidate.ts';
import { SiteControl } from './SiteControl.ts';
import type { SiteProgress, SiteState } from './SiteState.ts';
import { checkRun, type ApprovedRun } from './checkRun.ts';

export interface SiteNodeParts {
  readonly kit: Kit;
  readonly plan: Plan;
  readonly planHash: Hash32;
  /** What this site approved of the run: checked against the chain before its first update (checkRun). */
  readonly approvedRun: ApprovedRun;
  /** The site's data as first read, for the first round this node trains. */
  readonly split: SiteSplit;
  /**
   * Reads the site's data afresh (or returns the same split when its files have not changed): called before each later
   * round, so a patient whose Consent was withdrawn since the last round is out of the next one, as a hospital expects.
   * Without it the first read serves every round.
   */
  readonly reloadSplit?: () => Promise<SiteSplit>;
  readonly codec: NodeCodec;
  readonly ledger: SiteLedger;
  readonly strategy: Strategy;
  readonly state: SiteState;
  /** The privacy ledger under a DP-SGD plan (participant/privacy/sitePrivacySpend.ts). */
  readonly privacySpend?: PrivacySpend;
}

/** The coordinator calls a node makes while following a run; the connection changes when the node reconnects. */
export type SiteConnection = Pick<
  CoordinatorClient,
  'fetchAggregate' | 'submitUpdate' | 'uploadOffset' | 'submitAttestation' | 'getContributions' | 'submitKeyShares' | 'fetchKeyShares' | 'submitDecryptionShare'
>;

/** Under threshold CKKS, a round missed while this node lacks the key holders' shares: it cannot open that aggregate. */
const noOpening: ThresholdOpening = {
  open(header) {
    throw new MedflError('KEY_SHARES_MISSING', `round ${header.round} was committed while this node was away, and it holds no key shares to open that aggregate with`);
  },
};

export class SiteNode {
  private readonly log: Logger;
  private readonly pipeline: UpdatePipeline;
  private readonly exampleCap: number;
  private readonly meanBounds: MeanBounds;
  /** SCAFFOLD only: this site's control variate c_i, adopted and pending. */
  private readonly control?: SiteControl;
  private global: ModelArtifact;
  private current: SiteProgress;
  /** The model this node attested for a round not yet committed; adopting that round needs no replay. */
  private candidate?: Candidate;
  /** By `round/attempt` key, what this node submitted or attested, so a repeated status is a no-op. */
  private readonly submitted = new Map<string, SubmittedUpdate>();
  private readonly attested = new Set<string>();
  private readonly decrypted = new Set<string>();
  /** Threshold CKKS: the run this node sent its key shares for (in this process; after a restart it sends the kept ones again). */
  private keySharesSent?: string;
  /** The update prepared for a round attempt until the coordinator acknowledges it: after a lost reply the same bytes go again. */
  private unacknowledged?: { readonly key: string; readonly update: PreparedUpdate };
  /** The run whose on-chain facts this node has checked. */
  private checkedRun?: string;
  /** The data this node trains and evaluates on, and the round it was read for. */
  private split: SiteSplit;
  private splitRound?: number;

  constructor(
    private readonly parts: SiteNodeParts,
    start: { model: ModelArtifact; progress: SiteProgress },
  ) {
    this.log = childLogger('participant', { site: parts.kit.id });
    this.pipeline = updatePipeline(parts.plan);
    this.exampleCap = exampleCap(parts.plan);
    const layout = updateLayout(parts.plan);
    // Sized for the whole update's bound: SCAFFOLD's concat(Δy, Δc) is √2·clipNorm long (updateLayout.ts).
    this.meanBounds = meanBounds({ ...parts.plan.privacy, clipNorm: layout.clipNorm }, runCodecParameters(parts.plan));
    if (parts.plan.strategy.name === 'scaffold') this.control = new SiteControl(parts.state.outDir, layout.parameters);
    const rows = parts.split.train.rows;
    if (rows > this.exampleCap) {
      this.log.warn({ rows, cap: this.exampleCap }, `this site trains on ${rows} rows but the plan caps a site's weight at ${this.exampleCap}: every update is weighted by ${this.exampleCap}`);
    }
    this.global = start.model;
    this.current = start.progress;
    this.split = parts.split;
  }

  /** The last committed round this node adopted, with its model's hash and strategy state. */
  get progress(): SiteProgress {
    return this.current;
  }

  /** Where the node keeps the last committed model. */
  get modelDir(): string {
    return this.parts.state.modelDir;
  }

  /** Frees the codec's SEAL objects (the secret key among them) once the node is done. */
  dispose(): void {
    this.parts.codec.dispose();
  }

  /** Handles one status over `client`; resolves true once the run is over and this node holds its final model. */
  async onStatus(status: RunStatus, client: SiteConnection): Promise<boolean> {
    if (this.current.runId && status.runId && status.runId !== this.current.runId) {
      throw new MedflError('PLAN_MISMATCH', `${this.parts.state.outDir} follows run ${this.current.runId}, but the coordinator runs ${status.runId}; use another --out`);
    }
    if (status.lastCommit && status.lastCommit.round > this.current.round) await this.adoptCommit(client, status, status.lastCommit);
    const task = status.task;
    const key = task ? `${task.round}/${task.attempt}` : '';
    if (!task && status.runState === 'RUNNING' && status.runId) await this.dealKeyShares(client, status.runId);
    if (task && status.roundState === 'COLLECTING' && !this.submitted.has(key)) await this.contribute(client, task, key);
    if (task && status.roundState === 'DECRYPTING' && !this.decrypted.has(key)) await this.decrypt(client, task, key);
    if (task && status.roundState === 'ATTESTING' && !this.attested.has(key)) await this.attest(client, task, key);
    if (status.runState === 'STOPPED') throw new MedflError('RUN_STOPPED', `the coordinator stopped the run: ${status.failure || 'no reason given'}`);
    return status.runState === 'COMPLETED' && this.current.round >= status.totalRounds;
  }

  private async contribute(client: SiteConnection, task: RoundTask, key: string): Promise<void> {
    const { kit, plan, planHash, codec, ledger, approvedRun } = this.parts;
    const split = await this.roundSplit(task.round);
    if (this.checkedRun !== task.runId) {
      await checkRun(ledger, task.runId, approvedRun);
      this.checkedRun = task.runId;
    }
    let updateCodec: ContributeContext['codec'];
    if (isThresholdCodec(codec)) {
      const keys = await this.runKeys(client, task.runId, task.keyHolders, codec);
      if (!keys) return;
      const attempt = { runId: task.runId, round: task.round, attempt: task.attempt };
      updateCodec = { codecId: codec.codecId, encryptUpdate: (update, examples) => codec.encryptUpdate(update, examples, attempt), sumCheck: codec.sumCheck(keys.groupSecret) };
    } else {
      updateCodec = codec;
    }
    const context: ContributeContext = {
      kitDir: kit.dir, planHash, codecId: codec.codecId, ledger, modelHash: this.current.modelHash,
      kit, plan, split, consent: { kitDir: kit.dir, outDir: this.parts.state.outDir, site: kit.id }, outDir: this.parts.state.outDir, codec: updateCodec, client, global: this.global, pipeline: this.pipeline, exampleCap: this.exampleCap, log: this.log,
      addresses: { coordinator: kit.consortium.coordinator.address, site: findSite(kit.consortium, kit.id)!.address }, receipts: this.parts.state,
      ...(this.parts.privacySpend ? { privacySpend: this.parts.privacySpend } : {}),
      ...(this.control ? { scaffold: { control: this.control, strategyState: this.current.strategyState, learningRate: plan.training.learningRate } } : {}),
    };
    if (this.unacknowledged?.key !== key) this.unacknowledged = { key, update: await this.prepare(context, task) };
    const submitted = await contributeRound(context, task, this.unacknowledged.update);
    // Acknowledged: a single-key update's file goes; a threshold one is kept (PreparedUpdates.ts says why).
    if (!isThresholdCodec(this.parts.codec)) this.unacknowledged.update.chunks.discard();
    this.unacknowledged = undefined;
    this.submitted.set(key, submitted);
  }

  /** The data for `round`: read afresh for each round after the first (reloadSplit), the same for its retried attempts. */
  private async roundSplit(round: number): Promise<SiteSplit> {
    if (this.splitRound !== undefined && this.splitRound !== round && this.parts.reloadSplit) {
      const split = await this.parts.reloadSplit();
      if (split !== this.split) this.log.info({ round, rows: split.train.rows, patients: split.trainPatients?.length }, "re-read this site's data for the round");
      this.split = split;
    }
    this.splitRound = round;
    return this.split;
  }

  /** The update for `task`: under threshold CKKS the one kept in the out folder if any, else a new one, kept before it is sent. */
  private async prepare(context: ContributeContext, task: RoundTask): Promise<PreparedUpdate> {
    if (!isThresholdCodec(this.parts.codec)) return prepareUpdate(context, task);
    const { outDir } = this.parts.state;
    const kept = keptUpdate(outDir, task);
    if (kept) return kept;
    const prepared = await prepareUpdate(context, task);
    keepUpdate(outDir, prepared);
    return prepared;
  }

  /**
   * An update whose reply was lost goes once more before attesting: the coordinator answers the same update with its
   * receipt even after the round closed. ROUND_CLOSED then means it never took the update, and the round went on without.
   */
  private async resendUnacknowledged(client: SiteConnection, task: RoundTask, key: string): Promise<void> {
    if (this.unacknowledged?.key !== key) return;
    try {
      await this.contribute(client, task, key);
    } catch (thrown) {
      if (!(thrown instanceof MedflError && thrown.code === 'ROUND_CLOSED')) throw thrown;
      this.unacknowledged = undefined;
    }
  }

  /**
   * Threshold CKKS: a running run with no task yet is the coordinator waiting for every site's key shares before round 1
   * opens (they need the run id), so this node checks the run on chain and deals its shares now.
   */
  private async dealKeyShares(client: SiteConnection, runId: string): Promise<void> {
    const { codec, ledger, approvedRun } = this.parts;
    if (!isThresholdCodec(codec) || this.keySharesSent === runId) return;
    if (this.checkedRun !== runId) {
      await checkRun(ledger, runId, approvedRun);
      this.checkedRun = runId;
    }
    await submitOwnKeyShares({ kit: this.parts.kit, outDir: this.parts.state.outDir, codec, client, log: this.log }, runId);
    this.keySharesSent = runId;
  }

  /**
   * Threshold CKKS, before contributing or opening: this run's key shares sent (once per process) and the task's key
   * holders' shares held; undefined while some are missing (the node sits the attempt out and tries on the next status).
   */
  private async runKeys(client: SiteConnection, runId: string, keyHolders: readonly string[], codec: ThresholdSiteCodec): Promise<RunKeys | undefined> {
    const setup: KeySetup = { kit: this.parts.kit, outDir: this.parts.state.outDir, codec, client, log: this.log };
    if (this.keySharesSent !== runId) {
      await submitOwnKeyShares(setup, runId);
      this.keySharesSent = runId;
    }
    return gatherKeyShares(setup, runId, keyHolders);
  }

  private async decrypt(client: SiteConnection, task: RoundTask, key: string): Promise<void> {
    const { kit, codec, ledger, plan } = this.parts;
    if (!isThresholdCodec(codec)) throw new MedflError('CODEC_MISMATCH', `the coordinator asks for decryption shares, but codec ${codec.codecId} has none`);
    await this.resendUnacknowledged(client, task, key);
    const keys = await this.runKeys(client, task.runId, task.keyHolders, codec);
    if (!keys) return;
    const closeWaitMs = plan.consortium.roundDeadlineSeconds * 1000;
    const context = { kit, outDir: this.parts.state.outDir, minUpdates: plan.consortium.minUpdates, closeWaitMs, codec, ledger, client, keys, log: this.log };
    const outcome = await decryptRound(context, task);
    if (!outcome.sent) this.log.info({ round: task.round, attempt: task.attempt }, 'not a decryptor of this attempt');
    this.decrypted.add(key);
  }

  private async attest(client: SiteConnection, task: RoundTask, key: string): Promise<void> {
    await this.resendUnacknowledged(client, task, key);
    const { kit, ledger } = this.parts;
    const aggregateCodec = await this.aggregateCodec(client, task.runId, task.keyHolders);
    if (!aggregateCodec) return;
    const context: AttestContext = {
      ...this.candidateContext(client, aggregateCodec), site: kit.id, consortium: kit.consortium, modelHash: this.current.modelHash, ledger, client, log: this.log,
    };
    const own = this.submitted.get(key);
    // Read from the out dir, not memory: a node restarted mid-round still holds the receipt it got before.
    const held = this.parts.state.heldReceipt(task.runId, task.round, task.attempt);
    const derived = await candidateForTask(context, task, own?.digest ? { site: kit.id, digest: own.digest, examples: own.examples } : undefined, held);
    // Kept even if sending fails: should the round commit without us, adopting it needs no second download.
    this.candidate = derived.candidate;
    await attestRound(context, task, derived);
    this.attested.add(key);
  }

  /**
   * Adopts every committed round from this node's round + 1 up to `commit.round`, in order, saving each before the next.
   * A chain that lost one of them is waited for until the open task's deadline (or one round deadline from now).
   */
  private async adoptCommit(client: SiteConnection, status: RunStatus, commit: CommittedRound): Promise<void> {
    const { kit, ledger, plan } = this.parts;
    const { runId } = status;
    const waitUntilUnixMs = status.task?.deadlineUnixMs ?? Date.now() + plan.consortium.roundDeadlineSeconds * 1000;
    // A missed threshold round is opened with the open task's key holders, else with every site this node holds shares
    // from: the attempt's own key holders are in no message, and they rarely change within a run.
    const aggregateCodec = (await this.aggregateCodec(client, runId, status.task?.keyHolders)) ?? { codecId: this.parts.codec.codecId, opening: noOpening };
    for (let round = this.current.round + 1; round <= commit.round; round += 1) {
      const context = { ...this.candidateContext(client, aggregateCodec), site: kit.id, consortium: kit.consortium, ledger, progress: this.current, log: this.log };
      const trainLoss = [...this.submitted.entries()].find(([key]) => key.startsWith(`${round}/`))?.[1].loss;
      const target = { runId, round, commit: round === commit.round ? commit : undefined, candidate: this.candidate, trainLoss, waitUntilUnixMs };
      const adopted = await adoptRound(context, target);
      this.apply(adopted);
      await this.keepContributions(client, runId, round);
    }
  }

  /**
   * Saves the round's contributions manifest beside the model, for `medfl verify --contributions` (which checks its
   * root against the chain). Not fatal: the model is adopted already, and the manifest only helps a reviewer.
   */
  private async keepContributions(client: SiteConnection, runId: string, round: number): Promise<void> {
    try {
      const manifest = await client.getContributions(round);
      const problems = manifestProblems(manifest, { runId, round });
      if (problems.length > 0) throw new MedflError('PROOF_INVALID', `the coordinator's contributions manifest: ${problems.join('; ')}`);
      this.parts.state.saveContributions(manifest);
    } catch (thrown) {
      const error = asMedflError(thrown);
      this.log.warn({ round, code: error.code, reason: error.message }, 'contributions manifest not saved');
    }
  }

  private apply(adopted: AdoptedRound): void {
    const { runId, round } = adopted.progress;
    // c_i before the model: a restart in between replays the round, and adopting c_i again is a no-op.
    if (this.control && adopted.contributors.includes(this.parts.kit.id)) this.control.adopt({ runId, round, attempt: adopted.attempt });
    this.parts.state.saveCommitted(adopted.model, adopted.progress, adopted.provenance, adopted.metricsLine);
    this.control?.discardThrough(runId, round);
    this.global = adopted.model;
    this.current = adopted.progress;
    this.candidate = undefined;
    this.log.info({ round: adopted.progress.round, modelHash: adopted.progress.modelHash, memory: processMemoryMb() }, 'committed model adopted');
  }

  /** What opens the task's aggregate: the node's codec, or under threshold CKKS an opening with the attempt's keys. */
  private async aggregateCodec(client: SiteConnection, runId: string, taskKeyHolders?: readonly string[]): Promise<CandidateContext['codec'] | undefined> {
    const { codec, kit } = this.parts;
    if (!isThresholdCodec(codec)) return codec;
    const keyHolders = taskKeyHolders ?? this.heldKeyHolders(runId);
    const keys = await this.runKeys(client, runId, keyHolders, codec);
    return keys && { codecId: codec.codecId, opening: createThresholdOpening({ codec, consortium: kit.consortium, keyHolders, keys }) };
  }

  /** This site and every site whose key share it holds for `runId`, in consortium order. */
  private heldKeyHolders(runId: string): string[] {
    const { kit, state } = this.parts;
    const senders = new KeyShareFolder(state.outDir, runId).senders();
    return kit.consortium.sites.map((site) => site.id).filter((id) => id === kit.id || senders.includes(id));
  }

  private candidateContext(client: SiteConnection, codec: CandidateContext['codec']): CandidateContext {
    const { strategy, kit } = this.parts;
    return {
      codec, client, consortium: kit.consortium, log: this.log, strategy, test: this.split.test, global: this.global,
      strategyState: this.current.strategyState, exampleCap: this.exampleCap, meanBounds: this.meanBounds,
    };
  }
}
