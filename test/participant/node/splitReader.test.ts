import { describe, expect, it } from 'vitest';
import type { SiteSplit } from '../../../datasets/tabular.ts';
import { splitReader } from '../../../participant/node/splitReader.ts';

const empty = { featureNames: ['x'], features: new Float32Array(0), labels: new Float32Array(0), rows: 0 };

/** A reader over an in-process stand-in for the data files: `reads` counts the imports, `stamp` is what is on disk. */
function counted() {
  const state = { reads: 0, stamp: 'a' };
  const read = async (): Promise<SiteSplit> => {
    state.reads += 1;
    return { site: `read-${state.reads}`, train: empty, test: empty } as unknown as SiteSplit;
  };
  return { state, read };
}

describe('splitReader (in-process stand-in for the data files)', () => {
  it('reads once while the stamp holds, and again as soon as it moves', async () => {
    const { state, read } = counted();
    const next = splitReader(() => state.stamp, read);
    const first = await next();
    expect(await next()).toBe(first);
    expect(state.reads).toBe(1);
    state.stamp = 'b';
    const second = await next();
    expect(second.site).toBe('read-2');
    expect(await next()).toBe(second);
    expect(state.reads).toBe(2);
  });

  it('takes the stamp before reading, so a change during the read is read on the next call', async () => {
    const state = { reads: 0, stamp: 'a' };
    const next = splitReader(() => state.stamp, async () => {
      state.reads += 1;
      state.stamp = `during-${state.reads}`;
      return { site: `read-${state.reads}` } as unknown as SiteSplit;
    });
    await next();
    expect((await next()).site).toBe('read-2');
  });

  it('reads on every call without a stamp', async () => {
    const { state, read } = counted();
    const next = splitReader(undefined, read);
    await next();
    await next();
    expect(state.reads).toBe(2);
  });
});
