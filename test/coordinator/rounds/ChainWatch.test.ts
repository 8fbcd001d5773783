import { describe, expect, it } from 'vitest';
import { childLogger } from '../../../common/log.ts';
import { ChainWatch } from '../../../coordinator/rounds/ChainWatch.ts';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('ChainWatch', () => {
  it('checks at every tick, never starts a check while one is running, keeps going after a failed one, and stops', async () => {
    let started = 0;
    let running = 0;
    let overlapped = false;
    const watch = new ChainWatch(10, async () => {
      started += 1;
      running += 1;
      overlapped ||= running > 1;
      await pause(35);
      running -= 1;
      if (started === 1) throw new Error('chain away');
    }, childLogger('test'));
    watch.start();
    await pause(300);
    watch.stop();
    const atStop = started;
    await pause(100);
    expect(overlapped).toBe(false);
    expect(atStop).toBeGreaterThanOrEqual(2);
    expect(atStop).toBeLessThanOrEqual(9);
    expect(started).toBe(atStop);
  });
});
