import { describe, expect, it } from 'vitest';
import { childLogger } from '../../../common/log.ts';
import { MedflError } from '../../../common/MedflError.ts';
import type { AggregateHeader } from '../../../common/wire/protocolTypes.ts';
import { closeSetsOnChain } from '../../../coordinator/rounds/closeSetsOnChain.ts';
import { MemoryLedger } from '../helpers/roundDoubles.ts';

const hash = (byte: string) => `0x${byte.repeat(64)}` as const;
const header = { runId: '1', round: 2, attempt: 1, setHash: hash('a') } as AggregateHeader;
const log = childLogger('test');

describe('closeSetsOnChain (in-memory ledger double)', () => {
  it('closes the attempt with its set hash, and counts a repeated close with the same hash (a restart) as closed', async () => {
    const ledger = new MemoryLedger();
    expect(await closeSetsOnChain({ ledger, log }, header)).toEqual({ kind: 'closed' });
    expect(await closeSetsOnChain({ ledger, log }, header)).toEqual({ kind: 'closed' });
    expect(ledger.closeCalls).toEqual([{ runId: '1', round: 2, attempt: 1, setHash: hash('a') }, { runId: '1', round: 2, attempt: 1, setHash: hash('a') }]);
  });

  it('fails the attempt when the chain holds another set hash for it', async () => {
    const ledger = new MemoryLedger();
    ledger.closedAttempts.set('1/2/1', hash('b'));
    expect(await closeSetsOnChain({ ledger, log }, header)).toEqual({
      kind: 'fail', reason: 'closing the attempt\'s sets on chain failed: ATTEMPT_ALREADY_CLOSED: attempt 1 of round 2 of run 1 is already closed',
    });
  });

  it('fails the attempt when the ledger cannot be reached, naming the code', async () => {
    const ledger = new MemoryLedger();
    ledger.closeAttempt = () => Promise.reject(new MedflError('CHAIN_UNAVAILABLE', 'the RPC endpoint refused the connection'));
    expect(await closeSetsOnChain({ ledger, log }, header)).toEqual({
      kind: 'fail', reason: 'closing the attempt\'s sets on chain failed: CHAIN_UNAVAILABLE: the RPC endpoint refused the connection',
    });
  });
});
