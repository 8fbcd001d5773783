// The coordinator's run: the one owner of round decisions. Steps (intake, close, decrypt, attest, commit, resume) report
// outcomes; only the engine moves states, opens rounds, fails attempts and records commits. The strategy decides when.
import type { Hash32 } from '../../common/canonicalJson.ts';
import type { Consortium, ConsortiumSite } from '../../common/kit/Consortium.ts';
import { childLogger, type Logger } from '../../common/log.ts';
import { MedflError } from '../../common/MedflError.ts';
import { processMemoryMb } from '../../common/processMemory.ts';
import type { Strategy } from '../../common/strategies/Strategy.ts';
import type { AttestationReceipt, CommittedRound, RoundState, RunState, RunStatus, SiteAttestation } from '../../common/wire/protocolTypes.ts';
import type { Aggregation, ContributionsKeeper, CoordinatorLedger } from '../ports.ts';
import type { RoundStore } from '../store/RoundStore.ts';
import type { StoredRun } from '../store/storedTypes.ts';
import { acceptAttestation } from './acceptAttestation.ts';
import { ChainWatch } from './ChainWatch.ts';
import { KeyHolderWait } from './KeyHolderWait.ts';
import { chooseDecryptors } from './chooseDecryptors.ts';
import { closeAttempt } from './closeAttempt.ts';
import { closeSetsOnChain } from './closeSetsOnChain.ts';
import { completeDecryption, missingShares } from './completeDecryption.ts';
import { commitAttempt } from './commitAttempt.ts';
import { closedAggregate, type ClosedAggregate } from './closedAggregate.ts';
import { envelopeRules } from './envelopeRules.ts';
import { holdChain } from './holdChain.ts';
import { loadOrCreateRun } from './loadOrCreateRun.ts';
import { missingSites } from './missingSites.ts';
import { reconcileChain, type ReconcileContext } from './reconcileChain.ts';
import { RUN_TRANSITIONS } from './lifecycles.ts';
import { resumeAttempt, type ResumeOutcome } from './resumeAttempt.ts';
import { RoundAttempt } from './RoundAttempt.ts';
import { roundTask, type RunPlan } from './roundTask.ts';
import { runStatus } from './runStatus.ts';
import { SerialQueue } from './SerialQueue.ts';
import { ShareIntake } from './ShareIntake.ts';
import { SiteConnections } from './SiteConnections.ts';
import { siteAddress } from './siteAddress.ts';
import { StateMachine } from './StateMachine.ts';
import { StatusFeed } from './StatusFeed.ts';
import { UpdateIntake, type AcceptedUpdate } from './UpdateIntake.ts';
import { matchingQuorum } from './verifyAttestation.ts';

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
  readonly contributions: ContributionsKeeper;
  /** Decides when a round closes, whether a failed one is retried, and what each round asks of the sites. */
  readonly strategy: Strategy;
  /** Confirmations a commit needs before its round counts as committed and the next opens (default 1: mined). */
  readonly confirmations?: number;
  /** How often the chain is re-read for lost commits while the run runs (default 2 s). */
  readonly chainCheckMs?: number;
  readonly now?: () => number;
}

export class RunEngine {
  readonly log: Logger = childLogger('coordinator');
  private readonly queue = new SerialQueue();
  private readonly feed = new StatusFeed(() => this.status());
  private readonly runMachine: StateMachine<RunState>;
  private runRecord?: StoredRun;
  private attempt?: RoundAttempt;
  private lastCommit?: CommittedRound;
  private failure = '';
  readonly connections = new SiteConnections(); // public for the live run page (read only there)
  /** Threshold CKKS: the run's first attempt waits for the sites' key shares (KeyHolderWait.ts). */
  private readonly keyWait: KeyHolderWait;
  /** Aborted by stop(): a commit waiting for the chain gives up without recording anything. */
  private readonly stopping = new AbortController();
  private readonly chainWatch: ChainWatch;

  constructor(readonly options: RunEngineOptions) {
    this.runMachine = new StateMachine('run', RUN_TRANSITIONS, 'CREATED', this.log);
    const check = () => this.queue.run(async () => {
      if (this.runMachine.state === 'RUNNING') await this.checkChain();
    });
    this.keyWait = new KeyHolderWait({
      holders: () => this.store.keyShareSenders(this.runId, options.plan.consortium.sites), sites: options.plan.consortium.sites.length,
      ms: options.plan.consortium.roundDeadlineSeconds * 1000, log: this.log, announce: () => this.feed.publish(),
      onDeadline: () => void this.queue.run(() => this.openRound(1, 0)).catch((failure: unknown) => this.log.fatal({ err: failure }, 'opening round 1 after the key-share wait failed')),
    });
    this.chainWatch = new ChainWatch(options.chainCheckMs ?? 2000, check, this.log);
  }

  get runId(): string {
    if (!this.runRecord) throw new MedflError('RUN_NOT_FOUND', 'the coordinator has not started its run yet');
    return this.runRecord.runId;
  }

  get store(): RoundStore {
    return this.options.store;
  }

  /** The attempt now open (or the last one, once the run has ended). */
  current(): RoundAttempt {
    if (!this.attempt) throw new MedflError('ROUND_CLOSED', 'no round is open');
    return this.attempt;
  }

  /** Creates the run on chain (once) or resumes it from the store, then opens or resumes the current round. */
  start(): Promise<void> {
    return this.queue.run(async () => {
      const { store, planHash, genesisModelHash, consortium, plan } = this.options;
      const input = { planHash, genesisModelHash, sites: plan.consortium.sites.map((id) => siteAddress(consortium, id)), quorum: plan.consortium.quorum };
      this.runRecord = await loadOrCreateRun({ ...this.options, log: this.log, now: () => this.now() }, input, consortium.name);
      this.runMachine.transition('RUNNING');
      if (!(await this.checkChain())) return;
      await this.resume(await resumeAttempt({ ...this.options, log: this.log, rounds: plan.rounds }, store.latestRound()));
      if (this.runMachine.state === 'RUNNING') this.chainWatch.start();
    });
  }

  /** What committing needs: the ledger, the confirmations to wait for, and the stop signal. */
  private confirmContext(): ReconcileContext {
    const { ledger, store } = this.options;
    return { ledger, store, runId: this.runId, confirmations: this.options.confirmations ?? 1, log: this.log, now: () => this.now(), signal: this.stopping.signal };
  }

  /**
   * Holds the store's committed rounds against the chain and re-sends any the chain lost, in order. False once that
   * stopped the run (CHAIN_DIVERGED, or a re-send the contract refuses); an unreachable chain is checked again later.
   */
  private async checkChain(): Promise<boolean> {
    const outcome = await holdChain(() => this.reconcile(this.roundDeadlineFromNow()), this.stopping.signal, this.log);
    if (outcome.kind === 'stop') this.finish('STOPPED', outcome.reason);
    return outcome.kind === 'held';
  }

  /** Re-sends the committed rounds the chain lost, by `untilUnixMs`; the newest one's new transaction is announced. */
  private async reconcile(untilUnixMs: number): Promise<void> {
    const newest = (await reconcileChain(this.confirmContext(), untilUnixMs)).at(-1);
    if (newest && this.lastCommit?.round === newest.round) {
      this.lastCommit = newest;
      this.feed.publish();
    }
  }

  private async resume({ lastCommit, next }: ResumeOutcome): Promise<void> {
    if (lastCommit) this.lastCommit = lastCommit;
    if (next.kind === 'open') return this.openRound(next.round, 0);
    if (next.kind === 'complete') return this.finish('COMPLETED');
    if (next.kind === 'failed') return this.afterFailure(next.round, next.attempt, next.reason);
    const { attempt } = next;
    this.attempt = attempt;
    if (next.kind === 'collect') {
      if (attempt.state === 'OPEN') await this.moveTo(attempt, 'COLLECTING');
      this.feed.publish();
      this.armCollectDeadline(attempt);
      return this.decideCollect(attempt, false);
    }
    if (next.kind === 'decrypt') return this.decrypt(attempt);
    if (attempt.state === 'CLOSED') await this.moveTo(attempt, 'ATTESTING');
    this.armAttestDeadline(attempt);
    const matching = matchingQuorum(attempt.attestations.values(), this.options.plan.consortium.quorum);
    if (matching) await this.commit(attempt, matching);
  }

  /** Opens attempt `number` of `round`: OPEN (persisted) -> COLLECTING (announced), with its deadline armed. */
  private async openRound(round: number, number: number): Promise<void> {
    if (!(await this.checkChain())) return;
    if (this.options.aggregation.decryption && this.runMachine.state === 'RUNNING' && this.keyWait.waits(round, number)) return;
    const task = roundTask(this.options, this.runId, round, number, this.now());
    this.attempt?.dispose();
    const attempt = new RoundAttempt(task, 'OPEN', this.log);
    this.attempt = attempt;
    await this.store.putRound(attempt.record());
    attempt.sum = await this.options.aggregation.createSum(() => this.store.sumChunks(round, number));
    await this.moveTo(attempt, 'COLLECTING');
    this.armCollectDeadline(attempt);
  }

  /** A site's key shares are durable: round 1 opens once every plan site's are. */
  keySharesStored(): Promise<void> {
    return this.queue.run(async () => {
      if (this.keyWait.waiting) await this.openRound(1, 0);
    });
  }

  /** The one place a round attempt changes state: the transition, then the durable record, then the announcement. */
  private async moveTo(attempt: RoundAttempt, state: RoundState): Promise<void> {
    attempt.machine.transition(state);
    await this.store.putRound(attempt.record());
    this.feed.publish();
  }

  /** Asks the strategy whether the collecting attempt closes, waits or fails, and does it. */
  private async decideCollect(attempt: RoundAttempt, atDeadline: boolean): Promise<void> {
    const decision = this.options.strategy.decideCollect({ updates: attempt.accepted.size, atDeadline });
    if (decision.kind === 'close') return this.close(attempt);
    if (decision.kind !== 'fail') return;
    const missing = missingSites(attempt.task.expectedSites, new Set(attempt.accepted.keys()), this.connections.ever);
    return this.failAttempt(attempt, missing ? `${decision.reason} (${missing})` : decision.reason);
  }

  /** Records that `site` reached this coordinator (any authenticated call). */
  siteConnected(site: string): void {
    this.connections.called(site, this.attempt?.connected, this.now());
  }

  /** A WatchRun of `site` opened; call the returned function when it ends. */
  siteWatching(site: string): () => void {
    return this.connections.watch(site);
  }

  /**
   * COLLECTING -> CLOSED (aggregate durable) -> ATTESTING (announced); under threshold CKKS the decryptors are chosen
   * first (too few fail the attempt) and CLOSED goes on to DECRYPTING instead.
   */
  private async close(attempt: RoundAttempt): Promise<void> {
    attempt.clearTimer();
    const { consortium, aggregation: { decryption } } = this.options;
    let decryptors: string[] = [];
    if (decryption) {
      const choice = chooseDecryptors({
        sites: consortium.sites.map((site) => site.id), contributors: new Set(attempt.accepted.keys()), keyHolders: attempt.task.keyHolders,
        connected: this.connections.connectedDuring(attempt.connected), threshold: decryption.threshold,
      });
      if ('reason' in choice) return this.failAttempt(attempt, choice.reason);
      decryptors = choice.decryptors;
    }
    const header = await closeAttempt({ store: this.store, siteAddress: (id) => siteAddress(consortium, id) }, attempt, decryptors);
    attempt.aggregate = header;
    attempt.dispose();
    this.log.info({ round: header.round, updates: header.contributions.length, totalExamples: header.totalExamples, decryptors }, 'round closed');
    await this.moveTo(attempt, 'CLOSED');
    if (decryption) return this.decrypt(attempt);
    await this.moveTo(attempt, 'ATTESTING');
    this.armAttestDeadline(attempt);
  }

  /**
   * CLOSED -> DECRYPTING once the attempt's sets are on chain (again after a restart: the ledger answers a repeat),
   * with one round deadline for the shares; shares already stored (a restart) count at once.
   */
  private async decrypt(attempt: RoundAttempt): Promise<void> {
    if (attempt.state === 'CLOSED') {
      const outcome = await closeSetsOnChain({ ledger: this.options.ledger, log: this.log }, attempt.aggregate!);
      if (outcome.kind === 'fail') return this.failAttempt(attempt, outcome.reason);
    }
    attempt.shareSum = await this.options.aggregation.decryption!.createShareSum();
    if (attempt.state === 'CLOSED') await this.moveTo(attempt, 'DECRYPTING');
    else this.feed.publish();
    this.armDeadline(attempt, this.roundDeadlineFromNow(), 'DECRYPTING', () =>
      this.failAttempt(attempt, `no decryption share before the deadline from ${missingShares(attempt).join(', ')}`));
    await this.decideDecrypt(attempt);
  }

  /** DECRYPTING -> ATTESTING once every decryptor's share is durable: the shares folded and stored, the header complete. */
  private async decideDecrypt(attempt: RoundAttempt): Promise<void> {
    if (missingShares(attempt).length > 0) return;
    attempt.clearTimer();
    attempt.aggregate = await completeDecryption({ store: this.store }, attempt);
    attempt.shareSum = undefined;
    this.log.info({ round: attempt.task.round, attempt: attempt.task.attempt }, 'decryption shares complete');
    await this.moveTo(attempt, 'ATTESTING');
    this.armAttestDeadline(attempt);
  }

  /**
   * ATTESTING -> COMMITTED once the commit has its confirmations, then the next round opens or the run completes. Lost
   * earlier commits go first; a commit not confirmed by the attestation deadline fails the attempt.
   */
  private async commit(attempt: RoundAttempt, matching: SiteAttestation[]): Promise<void> {
    if (!(await this.checkChain())) return;
    const until = attempt.attestDueUnixMs ?? this.roundDeadlineFromNow();
    const context = { ...this.confirmContext(), contributions: this.options.contributions, beforeSend: () => this.reconcile(until) };
    const outcome = await commitAttempt(context, attempt, matching, until);
    if (this.stopping.signal.aborted) return;
    if (outcome.kind === 'fail') return this.failAttempt(attempt, outcome.reason);
    const { commit } = outcome;
    attempt.commit = commit;
    this.lastCommit = commit;
    this.log.info({ round: commit.round, modelHash: commit.modelHash, txHash: commit.txHash, memory: processMemoryMb() }, 'round committed');
    await this.moveTo(attempt, 'COMMITTED');
    attempt.dispose();
    if (commit.round >= this.options.plan.rounds) return this.finish('COMPLETED');
    await this.openRound(commit.round + 1, 0);
  }

  /** FAILED (recorded with its reason), then what the strategy says: a new attempt or the end of the run. */
  private async failAttempt(attempt: RoundAttempt, reason: string): Promise<void> {
    attempt.failure = reason;
    this.log.warn({ round: attempt.task.round, attempt: attempt.task.attempt, reason }, 'round failed');
    await this.moveTo(attempt, 'FAILED');
    attempt.dispose();
    await this.afterFailure(attempt.task.round, attempt.task.attempt, reason);
  }

  private async afterFailure(round: number, attempt: number, reason: string): Promise<void> {
    const decision = this.options.strategy.onRoundFailure(round, attempt);
    if (decision.kind === 'retry') return this.openRound(round, decision.attempt);
    this.finish('STOPPED', `round ${round} failed: ${reason}`);
  }

  private finish(state: 'COMPLETED' | 'STOPPED', failure = ''): void {
    this.failure = failure;
    this.chainWatch.stop();
    this.runMachine.transition(state);
    this.attempt?.clearTimer();
    this.feed.publish();
  }

  private armCollectDeadline(attempt: RoundAttempt): void {
    this.armDeadline(attempt, attempt.task.deadlineUnixMs, 'COLLECTING', () => this.decideCollect(attempt, true));
  }

  private armAttestDeadline(attempt: RoundAttempt): void {
    const due = this.roundDeadlineFromNow();
    attempt.attestDueUnixMs = due;
    this.armDeadline(attempt, due, 'ATTESTING', () => this.failAttempt(attempt, 'no quorum of matching attestations before the deadline'));
  }

  /** At `dueUnixMs`, `work` runs in the round queue if `attempt` is still current and `state`; a failure there is logged. */
  private armDeadline(attempt: RoundAttempt, dueUnixMs: number, state: RoundState, work: () => Promise<void>): void {
    attempt.armTimer(dueUnixMs, () => this.now(), () => {
      this.queue.run(async () => {
        if (attempt === this.attempt && attempt.state === state) await work();
      }).catch((failure: unknown) => {
        this.log.fatal({ err: failure }, 'deadline handling failed; the round stays where it was until the coordinator restarts');
      });
    });
  }

  /** Starts one site's upload; the intake streams chunks to the store and hands the accepted update back here. */
  beginUpdate(peer: ConsortiumSite): UpdateIntake {
    if (this.runMachine.state !== 'RUNNING') throw new MedflError('RUN_STOPPED', `the run is ${this.runMachine.state} and takes no updates`);
    const { plan, ledger, aggregation } = this.options;
    const context = {
      store: this.store, log: this.log, ...envelopeRules(plan), keyHoldersOnly: aggregation.decryption !== undefined, now: () => this.now(), current: () => this.current(),
      signReceipt: ledger.signReceipt.bind(ledger),
    };
    const settle = (accept: () => Promise<AcceptedUpdate>) => this.queue.run(async () => {
      const { attempt, receipt } = await accept();
      this.feed.publish();
      await this.decideCollect(attempt, false);
      return receipt;
    });
    return new UpdateIntake({ ...context, settle }, peer);
  }

  /** Starts one decryptor's share upload; the intake stages it and hands the accepted share back here. */
  beginShare(peer: ConsortiumSite): ShareIntake {
    if (this.runMachine.state !== 'RUNNING') throw new MedflError('RUN_STOPPED', `the run is ${this.runMachine.state} and takes no decryption shares`);
    const settle = (accept: () => Promise<RoundAttempt>) => this.queue.run(async () => {
      const attempt = await accept();
      this.feed.publish();
      await this.decideDecrypt(attempt);
    });
    return new ShareIntake({ store: this.store, log: this.log, now: () => this.now(), current: () => this.current(), settle }, peer);
  }

  acceptAttestation(attestation: SiteAttestation, peer: ConsortiumSite): Promise<AttestationReceipt> {
    return this.queue.run(async () => {
      const attempt = this.current();
      const context = { store: this.store, ledger: this.options.ledger, runId: this.runId, quorum: this.options.plan.consortium.quorum };
      const { receipt, next } = await acceptAttestation(context, attempt, attestation, peer);
      this.feed.publish();
      if (next.kind === 'commit') await this.commit(attempt, next.matching);
      return receipt;
    });
  }

  /** The aggregate header and chunks of a closed round (the current one, or a committed earlier one). */
  aggregate(round: number): ClosedAggregate {
    return closedAggregate(this.store, this.attempt, round);
  }

  status(): RunStatus {
    const { attempt, lastCommit, failure, options } = this;
    return runStatus({ runId: this.runRecord?.runId ?? '', planHash: options.planHash, runState: this.runMachine.state, totalRounds: options.plan.rounds, attempt, lastCommit, failure });
  }

  watch(listener: (status: RunStatus) => void): () => void {
    return this.feed.watch(listener);
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    this.chainWatch.stop();
    this.keyWait.end();
    this.attempt?.clearTimer();
    await this.queue.drain();
    this.attempt?.dispose();
    this.feed.clear();
  }

  /** One round deadline (the plan's roundDeadlineSeconds) from now. */
  private roundDeadlineFromNow(): number {
    return this.now() + this.options.plan.consortium.roundDeadlineSeconds * 1000;
  }

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }
}
