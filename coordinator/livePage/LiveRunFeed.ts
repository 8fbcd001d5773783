// The live run page's state: rebuilt whenever the coordinator announces a change, and whenever the chain's answer for
// a committed round changes (confirmations grow, a reorg takes a commit away), then handed to every open page.
import type { EvaluationSummary } from '../../common/strategies/Strategy.ts';
import type { CommittedRound, RunStatus } from '../../common/wire/protocolTypes.ts';
import { liveRunView, type LiveRunInput, type LiveRunView, type RoundOnChain } from './liveRunView.ts';
import { renderRunPage } from './renderRunPage.ts';

/** What the page reads from the coordinator: its status feed, its committed rounds and who is connected. */
export interface LiveRunSource {
  status(): RunStatus;
  watch(listener: (status: RunStatus) => void): () => void;
  committedRound(round: number): CommittedRound | undefined;
  watchers(): ReadonlySet<string>;
  lastSeen(site: string): number | undefined;
  evaluate(commit: CommittedRound): EvaluationSummary;
}

/** The chain's record of one committed round: throws when the chain cannot be read. */
export type ReadRoundOnChain = (runId: string, round: number, txHash: string) => Promise<RoundOnChain>;

export interface LiveRunUpdate {
  readonly view: LiveRunView;
  /** renderRunPage(view): the page's live part. */
  readonly html: string;
}

export interface LiveRunFeedOptions {
  readonly source: LiveRunSource;
  readonly plan: LiveRunInput['plan'];
  readonly confirmationsNeeded: number;
  readonly readChain: ReadRoundOnChain;
  /** How often the chain is asked again about every committed round (default 2 s). */
  readonly chainCheckMs?: number;
}

export class LiveRunFeed {
  private latest: LiveRunUpdate;
  private readonly chain = new Map<number, RoundOnChain>();
  private readonly listeners = new Set<(update: LiveRunUpdate) => void>();
  private unwatch?: () => void;
  private timer?: NodeJS.Timeout;
  private checking?: Promise<void>;
  private askAgain = false;

  constructor(private readonly options: LiveRunFeedOptions) {
    this.latest = this.build();
  }

  /** Follows the coordinator's status and polls the chain until stop(). */
  start(): void {
    this.unwatch = this.options.source.watch(() => {
      this.rebuild();
      void this.checkChain();
    });
    // unref: a page left open must not keep a finished coordinator alive.
    this.timer = setInterval(() => void this.checkChain(), this.options.chainCheckMs ?? 2000).unref();
  }

  current(): LiveRunUpdate {
    return this.latest;
  }

  /** `listener` gets every later update; call the returned function to stop. */
  subscribe(listener: (update: LiveRunUpdate) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Resolves once the chain has been asked about every round committed so far. A call during a check asks again
   * after it: that check may have started before the round the caller just saw committed.
   */
  checkChain(): Promise<void> {
    if (this.checking) {
      this.askAgain = true;
      return this.checking;
    }
    this.checking = (async () => {
      do {
        this.askAgain = false;
        await this.askChain();
      } while (this.askAgain);
    })().finally(() => {
      this.checking = undefined;
    });
    return this.checking;
  }

  async stop(): Promise<void> {
    this.unwatch?.();
    clearInterval(this.timer);
    this.listeners.clear();
    await this.checking;
  }

  private commits(status: RunStatus): CommittedRound[] {
    const commits: CommittedRound[] = [];
    for (let round = 1; round <= (status.lastCommit?.round ?? 0); round += 1) {
      // The status's own copy is the newest: a commit the chain lost and the coordinator re-sent has a new txHash.
      const commit = round === status.lastCommit?.round ? status.lastCommit : this.options.source.committedRound(round);
      if (commit) commits.push(commit);
    }
    return commits;
  }

  private build(): LiveRunUpdate {
    const { source, plan, confirmationsNeeded } = this.options;
    const status = source.status();
    const view = liveRunView({
      plan, confirmationsNeeded, status, commits: this.commits(status), chain: this.chain,
      watchers: source.watchers(), lastSeen: (site) => source.lastSeen(site), evaluate: (commit) => source.evaluate(commit),
    });
    return { view, html: renderRunPage(view) };
  }

  private rebuild(): void {
    const next = this.build();
    if (next.html === this.latest.html) return;
    this.latest = next;
    for (const listener of this.listeners) listener(next);
  }

  private async askChain(): Promise<void> {
    const { runId } = this.latest.view;
    const rounds = this.latest.view.rounds;
    const answers = await Promise.all(rounds.map(async ({ round, txHash }) => {
      try {
        return [round, await this.options.readChain(runId, round, txHash)] as const;
      } catch (thrown) {
        return [round, { confirmations: 0, error: thrown instanceof Error ? thrown.message : String(thrown) }] as const;
      }
    }));
    for (const [round, answer] of answers) this.chain.set(round, answer);
    this.rebuild();
  }
}
