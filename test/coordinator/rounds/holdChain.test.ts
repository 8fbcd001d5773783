import { describe, expect, it } from 'vitest';
import { childLogger } from '../../../common/log.ts';
import { MedflError } from '../../../common/MedflError.ts';
import { holdChain } from '../../../coordinator/rounds/holdChain.ts';

const log = childLogger('test');
const failing = (code: 'CHAIN_UNAVAILABLE' | 'COMMIT_UNCONFIRMED' | 'CHAIN_DIVERGED') => () => Promise.reject(new MedflError(code, 'as the test says'));

describe('holdChain', () => {
  it('runs on when the chain agrees or is only away, and stops the run on anything else, naming the code', async () => {
    const signal = new AbortController().signal;
    expect(await holdChain(() => Promise.resolve(), signal, log)).toEqual({ kind: 'held' });
    expect(await holdChain(failing('CHAIN_UNAVAILABLE'), signal, log)).toEqual({ kind: 'held' });
    expect(await holdChain(failing('COMMIT_UNCONFIRMED'), signal, log)).toEqual({ kind: 'held' });
    expect(await holdChain(failing('CHAIN_DIVERGED'), signal, log)).toEqual({ kind: 'stop', reason: 'CHAIN_DIVERGED: as the test says' });
  });

  it('reports a failure after the run was told to stop as aborted, not as a reason to stop it', async () => {
    const stopping = new AbortController();
    stopping.abort();
    expect(await holdChain(failing('CHAIN_DIVERGED'), stopping.signal, log)).toEqual({ kind: 'aborted' });
  });
});
