// The feed with a fixed coordinator state and a chain answered from a table (the real ones: test/e2e/liveRunPage.test.ts).
import { describe, expect, it } from 'vitest';
import type { CommittedRound, RunStatus } from '../../../common/wire/protocolTypes.ts';
import { LiveRunFeed, type LiveRunUpdate } from '../../../coordinator/livePage/LiveRunFeed.ts';
import type { RoundOnChain } from '../../../coordinator/livePage/liveRunView.ts';
import { committedRound, runningStatus } from './liveRunFixtures.ts';

function feedOver(chain: (round: number) => RoundOnChain) {
  const commits = new Map<number, CommittedRound>();
  let status: RunStatus = runningStatus(undefined);
  const watchers = new Set<(next: RunStatus) => void>();
  const feed = new LiveRunFeed({
    source: {
      status: () => status,
      watch: (listener) => (watchers.add(listener), listener(status), () => watchers.delete(listener)),
      committedRound: (round) => commits.get(round),
      watchers: () => new Set(['site-a']),
      lastSeen: () => undefined,
      evaluate: () => ({ loss: 0.5, accuracy: 0.5, auroc: 0.5, auprc: 0.5, brier: 0.25, positiveRate: 0.5 }),
    },
    plan: { name: 'demo', encryption: 'ckks', sites: ['site-a', 'site-b'], quorum: 2 },
    confirmationsNeeded: 1,
    readChain: async (_runId, round) => chain(round),
    chainCheckMs: 60_000,
  });
  const commit = (round: number) => {
    const committed = committedRound(round);
    commits.set(round, committed);
    status = runningStatus(committed);
    for (const listener of watchers) listener(status);
  };
  return { feed, commit };
}

describe('LiveRunFeed', () => {
  it('sends a new update when a round commits, then again once the chain confirms it, and none when nothing changed', async () => {
    const { feed, commit } = feedOver((round) => ({ modelHash: committedRound(round).modelHash, blockNumber: 5 + round, confirmations: 1 }));
    const updates: LiveRunUpdate[] = [];
    feed.subscribe((update) => updates.push(update));
    feed.start();
    await feed.checkChain();
    expect(updates).toEqual([]);
    commit(1);
    expect(updates.map((update) => update.view.rounds.map((round) => round.verification))).toEqual([['checking']]);
    await feed.checkChain();
    expect(updates.at(-1)!.view.rounds[0]).toMatchObject({ round: 1, verification: 'confirmed', block: 6, confirmations: 1 });
    expect(updates.at(-1)!.html).toContain('data-verification="confirmed"');
    const count = updates.length;
    await feed.checkChain();
    expect(updates).toHaveLength(count);
    commit(2);
    await feed.checkChain();
    expect(feed.current().view.rounds.map((round) => [round.round, round.verification])).toEqual([[1, 'confirmed'], [2, 'confirmed']]);
    await feed.stop();
  });

  it('shows a commit as "chain unreachable" when the chain cannot be read, without stopping', async () => {
    const { feed, commit } = feedOver(() => {
      throw new Error('connect ECONNREFUSED 127.0.0.1:8545');
    });
    feed.start();
    commit(1);
    await feed.checkChain();
    expect(feed.current().view.rounds[0]!.verification).toBe('unreachable');
    expect(feed.current().html).toContain('chain unreachable');
    expect(feed.current().html).not.toContain('ECONNREFUSED');
    await feed.stop();
  });
});
