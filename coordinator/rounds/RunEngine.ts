// The coordinator's run: opens rounds, takes updates and attestations, closes, commits, retries; resumes from its store.
import type { Hash32 } from '../../common/canonicalJson.ts';
import type { Consortium, ConsortiumSite } from '../../common/kit/Consortium.ts';
import { childLogger, type Logger } from '../../common/log.ts';
import { MedflError } from '../../common/MedflError.ts';
import type { Plan } from '../../common/plan/planSchema.ts';
import type { Strategy } from '../../common/strategies/Strategy.ts';
import type {
  AggregateHeader, AttestationReceipt, CommittedRound, RunState, RunStatus, SiteAttestation,
} from '../../common/wire/protocolTypes.ts';
import type { Aggregation, CoordinatorLedger } from '../ports.ts';
import type { RoundStore } from '../store/RoundStore.ts';
import type { StoredRun } from '../store/storedTypes.ts';
import { closeAttempt } from './closeAttempt.ts';
import { acceptAttestation } from './acceptAttestation.ts';
import { RUN_TRANSITIONS } from './lifecycles.ts';
import { resumeAttempt } from './resumeAttempt.ts';
import { RoundAttempt } from './RoundAttempt.ts';
import { SerialQueue } from './SerialQueue.ts';
import { StateMachine } from './StateMachine.ts';
import { UpdateIntake } from './UpdateIntake.ts';

export type RunPlan = Pick<Plan, 'rounds' | 'consortium'>;

// setTimeout fires at once beyond 2^31-1 ms; a longer deadline re-arms until it is really due.
const MAX_TIMER_MS = 2 ** 31 - 1;
const timerDelay = (ms: number): number => Math.min(MAX_TIMER_MS, Math.max(0, ms));

export interface RunEngineOptions {
  readonly store: RoundStore;
  readonly consortium: Consortium;
  readonly plan: RunPlan;
  readonly planHash: Hash32;
  /** Canonical JSON of the plan, served to sites that check it against their approvals. */
  readonly planJson: string;
  readonly genesisModelHash: Hash32;
  readonly aggregation: Aggregation;
  readonly ledger: CoordinatorLedger;
  readonly strategy: Strategy;
  readonly now?: () => number;
}

export class RunEngine {
  readonly log: Logger = childLogger('coordinator');
  readonly queue = new SerialQueue();
  private readonly listeners = new Set<(status: RunStatus) => void>();
  private readonly runMachine: StateMachine<RunState>;
  private runRecord?: StoredRun;
  attempt?: RoundAttempt;
  lastCommit?: CommittedRound;
  failure = '';

  constructor(readonly options: RunEngineOptions) {
    this.runMachine = new StateMachine('run', RUN_TRANSITIONS, 'CREATED', this.log);
  }

  now(): number {
    return this.options.now?.() ?? Date.now();
  }

  get runId(): string {
    if (!this.runRecord) throw new MedflError('RUN_NOT_FOUND', 'the coordinator has not started its run yet');
    return this.runRecord.runId;
  }

  get store(): RoundStore {
    return this.options.store;
  }

  /** Creates the run on chain (once) or resumes it from the store, then opens or resumes the current round. */
  start(): Promise<void> {
    return this.queue.run(async () => {
      const { store, planHash, genesisModelHash, consortium } = this.options;
      this.runRecord = store.getRun();
      if (this.runRecord && this.runRecord.planHash !== planHash) {
        throw new MedflError('PLAN_MISMATCH', `the store holds run ${this.runRecord.runId} of plan ${this.runRecord.planHash}, not of ${planHash}; use another --store`);
      }
      if (!this.runRecord) {
        const runId = await this.createOrFindRun();
        this.runRecord = { runId, planHash, genesisModelHash, createdAt: new Date(this.now()).toISOString() };
        await store.putRun(this.runRecord);
        this.log.info({ runId, consortium: consortium.name }, 'run created on the ledger');
      }
      this.runMachine.transition('RUNNING');
      await resumeAttempt(this, store.latestRound());
    });
  }

  /**
   * createRun once, even across a crash between its transaction and storing the run id: an intent is stored first, and
   * a restart that finds one looks for the run this coordinator created since then before creating another.
   */
  private async createOrFindRun(): Promise<string> {
    const { store, ledger, plan, planHash, genesisModelHash } = this.options;
    const input = { planHash, genesisModelHash, sites: plan.consortium.sites.map((id) => this.site(id).address), quorum: plan.consortium.quorum };
    const intent = store.getRunIntent();
    if (intent?.planHash === planHash) {
      const found = await ledger.findCreatedRun(input, intent.fromBlock);
      if (found) {
        this.log.info({ runId: found, fromBlock: intent.fromBlock }, 'found the run created before a restart; not creating another');
        return found;
      }
    } else {
      await store.putRunIntent({ planHash, fromBlock: await ledger.blockNumber(), recordedAt: new Date(this.now()).toISOString() });
    }
    return ledger.createRun(input);
  }

  site(id: string): ConsortiumSite {
    const site = this.options.consortium.sites.find((entry) => entry.id === id);
    if (!site) throw new MedflError('PEER_UNKNOWN', `site ${id} is not in consortium ${this.options.consortium.name}`);
    return site;
  }

  prevModelHash(round: number): Hash32 {
    if (round === 1) return this.options.genesisModelHash;
    const previous = this.store.committedRound(round - 1)?.commit;
    if (!previous) throw new MedflError('STORE_FAILED', `round ${round - 1} is not committed in the store; cannot open round ${round}`);
    return previous.modelHash;
  }

  /** Opens attempt `attempt` of `round`: OPEN (persisted) -> COLLECTING (announced), with its deadline armed. */
  async openRound(round: number, attempt: number): Promise<void> {
    const { plan, aggregation, planHash } = this.options;
    const task = {
      runId: this.runId,
      round,
      attempt,
      planHash,
      prevModelHash: this.prevModelHash(round),
      deadlineUnixMs: this.now() + plan.consortium.roundDeadlineSeconds * 1000,
      minUpdates: plan.consortium.minUpdates,
      codecId: aggregation.codecId,
      chunkCount: aggregation.chunkCount,
      expectedSites: [...plan.consortium.sites],
      proximalMu: this.options.strategy.configureRound(round).proximalMu,
    };
    this.attempt?.dispose();
    this.attempt = new RoundAttempt(task, 'OPEN', this.log);
    await this.store.putRound(this.attempt.record());
    this.attempt.sum = await aggregation.createSum();
    await this.moveTo('COLLECTING');
    this.armCollectDeadline();
  }

  async moveTo(state: RoundAttempt['state']): Promise<void> {
    const attempt = this.current();
    attempt.machine.transition(state);
    await this.store.putRound(attempt.record());
    this.broadcast();
  }

  current(): RoundAttempt {
    if (!this.attempt) throw new MedflError('ROUND_CLOSED', 'no round is open');
    return this.attempt;
  }

  armCollectDeadline(): void {
    const attempt = this.current();
    attempt.clearTimer();
    attempt.timer = setTimeout(() => this.onTimer(() => this.onCollectDeadline(attempt)), timerDelay(attempt.task.deadlineUnixMs - this.now()));
  }

  private async onCollectDeadline(attempt: RoundAttempt): Promise<void> {
    if (attempt !== this.attempt || attempt.state !== 'COLLECTING') return;
    if (this.now() < attempt.task.deadlineUnixMs) return this.armCollectDeadline();
    if (attempt.accepted.size >= attempt.task.minUpdates) return closeAttempt(this);
    await this.failAttempt(`only ${attempt.accepted.size} of the ${attempt.task.minUpdates} required updates arrived before the deadline`);
  }

  armAttestDeadline(): void {
    const attempt = this.current();
    attempt.clearTimer();
    const wait = this.options.plan.consortium.roundDeadlineSeconds * 1000;
    attempt.timer = setTimeout(() => this.onTimer(async () => {
      if (attempt === this.attempt && attempt.state === 'ATTESTING') await this.failAttempt('no quorum of matching attestations before the deadline');
    }), timerDelay(wait));
  }

  /** Runs a deadline's work in the round queue; a failure there (e.g. the store) is logged, never an unhandled rejection. */
  private onTimer(work: () => Promise<void>): void {
    this.queue.run(work).catch((failure: unknown) => {
      this.log.fatal({ err: failure }, 'deadline handling failed; the round stays where it was until the coordinator restarts');
    });
  }

  /** FAILED, then retry the round as a new attempt or stop the run, as the plan says. */
  async failAttempt(reason: string): Promise<void> {
    const attempt = this.current();
    attempt.failure = reason;
    this.log.warn({ round: attempt.task.round, attempt: attempt.task.attempt, reason }, 'round failed');
    await this.moveTo('FAILED');
    attempt.dispose();
    await this.afterFailure(attempt.task.round, attempt.task.attempt, reason);
  }

  async afterFailure(round: number, attempt: number, reason: string): Promise<void> {
    const { onRoundFailure, maxRetries } = this.options.plan.consortium;
    if (onRoundFailure === 'retry' && attempt < maxRetries) return this.openRound(round, attempt + 1);
    await this.finish('STOPPED', `round ${round} failed: ${reason}`);
  }

  async finish(state: 'COMPLETED' | 'STOPPED', failure = ''): Promise<void> {
    this.failure = failure;
    this.runMachine.transition(state);
    this.attempt?.clearTimer();
    this.broadcast();
  }

  /** Starts one site's upload; the intake streams chunks to the store and hands the update back to be folded. */
  beginUpdate(peer: ConsortiumSite): UpdateIntake {
    if (this.runMachine.state !== 'RUNNING') throw new MedflError('RUN_STOPPED', `the run is ${this.runMachine.state} and takes no updates`);
    return new UpdateIntake(this, peer);
  }

  /** Called by UpdateIntake under the queue once an update is durable and folded. */
  async afterAccept(attempt: RoundAttempt): Promise<void> {
    this.broadcast();
    if (attempt.accepted.size === attempt.task.expectedSites.length) await closeAttempt(this);
  }

  acceptAttestation(attestation: SiteAttestation, peer: ConsortiumSite): Promise<AttestationReceipt> {
    return this.queue.run(() => acceptAttestation(this, attestation, peer));
  }

  /** The aggregate header and chunks of a closed round (the current one, or a committed earlier one). */
  aggregate(round: number): { header: AggregateHeader; chunk: (index: number) => Uint8Array } {
    const current = this.attempt;
    const record = current?.task.round === round && current.aggregate ? current.record() : this.store.committedRound(round);
    const header = record?.aggregate;
    if (!record || !header) throw new MedflError('ROUND_MISMATCH', `round ${round} has no closed aggregate to fetch`);
    return { header, chunk: (index) => this.store.aggregateChunk(record.round, record.attempt, index) };
  }

  status(): RunStatus {
    const attempt = this.attempt;
    return {
      runId: this.runRecord?.runId ?? '',
      planHash: this.options.planHash,
      runState: this.runMachine.state,
      round: attempt?.task.round ?? 0,
      roundState: attempt?.state ?? 'OPEN',
      ...(attempt ? { task: attempt.task } : {}),
      updatesIn: [...(attempt?.accepted.keys() ?? [])].sort(),
      attestationsIn: [...(attempt?.attestations.keys() ?? [])].sort(),
      ...(this.lastCommit ? { lastCommit: this.lastCommit } : {}),
      totalRounds: this.options.plan.rounds,
      failure: this.failure || attempt?.failure || '',
    };
  }

  watch(listener: (status: RunStatus) => void): () => void {
    this.listeners.add(listener);
    listener(this.status());
    return () => this.listeners.delete(listener);
  }

  broadcast(): void {
    const status = this.status();
    for (const listener of this.listeners) listener(status);
  }

  async stop(): Promise<void> {
    this.attempt?.clearTimer();
    await this.queue.drain();
    this.attempt?.dispose();
    this.listeners.clear();
  }
}
