import { describe, expect, it } from 'vitest';
import { liveRunView, verification } from '../../../coordinator/livePage/liveRunView.ts';
import { committedRound, liveRunInput, runningStatus } from './liveRunFixtures.ts';

describe('liveRunView', () => {
  it('shows each committed round with its chain block, contributors, attesters and the strategy\'s metrics, and the round now collecting', () => {
    const view = liveRunView(liveRunInput());
    expect(view).toMatchObject({ runId: '7', planName: 'demo', encryption: 'ckks', runState: 'RUNNING', totalRounds: 2, quorum: 2, confirmationsNeeded: 2 });
    expect(view.rounds).toEqual([{
      round: 1, modelHash: committedRound(1).modelHash, txHash: committedRound(1).txHash, block: 12,
      contributors: [{ site: 'site-a', examples: 200 }, { site: 'site-b', examples: 100 }], attesters: ['site-a', 'site-b'], totalExamples: 300,
      metrics: { loss: 0.6, accuracy: 0.8, auroc: 0.75, auprc: null, brier: null, positiveRate: null }, verification: 'confirmed', confirmations: 3,
    }]);
    expect(view.current).toEqual({ round: 2, attempt: 0, state: 'COLLECTING', deadlineUnixMs: Date.UTC(2026, 0, 1, 12, 30, 0), updatesIn: ['site-b'], attestationsIn: [] });
  });

  it('counts a site\'s updates in committed rounds plus the one accepted in the open round, and who follows the run', () => {
    const { sites } = liveRunView(liveRunInput());
    expect(sites).toEqual([
      { site: 'site-a', connected: true, lastSeenUnixMs: Date.UTC(2026, 0, 1, 12, 0, 5), updatesAccepted: 1 },
      { site: 'site-b', connected: false, lastSeenUnixMs: null, updatesAccepted: 2 },
    ]);
  });

  it('has no current round once the run has ended', () => {
    const status = runningStatus(committedRound(2), { runState: 'COMPLETED', round: 2, roundState: 'COMMITTED' });
    expect(liveRunView(liveRunInput({ status, commits: [committedRound(1), committedRound(2)] })).current).toBeNull();
  });

  it('carries no envelope digests, addresses or anything but the fields it names', () => {
    const json = JSON.stringify(liveRunView(liveRunInput()));
    expect(json).not.toContain(`0x${'d'.repeat(64)}`);
    expect(json).not.toContain('"address"');
    expect(json).not.toContain('epsilonMicros');
  });
});

describe('verification', () => {
  const commit = committedRound(1);
  it.each([
    [undefined, 'checking'],
    [{ confirmations: 0, error: 'connection refused' }, 'unreachable'],
    [{ confirmations: 0 }, 'missing'],
    [{ modelHash: commit.modelHash, confirmations: 0 }, 'missing'],
    [{ modelHash: `0x${'9'.repeat(64)}`, confirmations: 4 }, 'mismatch'],
    [{ modelHash: commit.modelHash, confirmations: 1 }, 'pending'],
    [{ modelHash: commit.modelHash.toUpperCase().replace('0X', '0x'), confirmations: 2 }, 'confirmed'],
  ] as const)('reads %j as %s when 2 confirmations are needed', (onChain, expected) => {
    expect(verification(commit, onChain, 2)).toBe(expected);
  });
});
