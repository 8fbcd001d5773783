import { describe, expect, it } from 'vitest';
import type { Hash32 } from '../../../common/canonicalJson.ts';
import { childLogger } from '../../../common/log.ts';
import { awaitChainRound } from '../../../participant/node/awaitChainRound.ts';

const log = childLogger('test');

const hash = (digit: string): Hash32 => `0x${digit.repeat(64)}`;

/** A ledger whose latest round climbs by one on each read, from `from`. */
function climbing(from: number) {
  let round = from;
  let reads = 0;
  return {
    reads: () => reads,
    ledger: {
      latestModel: async () => {
        reads += 1;
        return { round: round++, modelHash: hash(String(round)) };
      },
    },
  };
}

describe('awaitChainRound (in-process ledger double)', () => {
  it('answers at once when the chain already holds the round', async () => {
    const chain = climbing(3);
    await expect(awaitChainRound({ ledger: chain.ledger, pollMs: 10, log }, '1', 2, Date.now() + 1_000)).resolves.toMatchObject({ round: 3 });
    expect(chain.reads()).toBe(1);
  });

  it('re-reads the chain until it holds the round again', async () => {
    const chain = climbing(0);
    await expect(awaitChainRound({ ledger: chain.ledger, pollMs: 10, log }, '1', 2, Date.now() + 1_000)).resolves.toMatchObject({ round: 2 });
    expect(chain.reads()).toBe(3);
  });

  it('stops at the deadline with LINEAGE_BROKEN naming the run, both rounds and the deadline', async () => {
    const until = Date.now() + 100;
    const stuck = { latestModel: async () => ({ round: 1, modelHash: hash('1') }) };
    await expect(awaitChainRound({ ledger: stuck, pollMs: 10, log }, '7', 3, until)).rejects.toThrow(
      `the chain's latest round of run 7 is 1, below round 3 this node adopted, and the coordinator did not commit it again by ${new Date(until).toISOString()}`,
    );
  });
});
