import { describe, expect, it } from 'vitest';
import { LatestBox } from '../../../participant/node/LatestBox.ts';

describe('LatestBox', () => {
  it('hands out only the newest unread value, then undefined once closed', async () => {
    const box = new LatestBox<number>();
    box.put(1);
    box.put(2);
    expect(await box.take()).toBe(2);
    const waiting = box.take();
    box.put(3);
    expect(await waiting).toBe(3);
    box.close();
    expect(await box.take()).toBeUndefined();
  });

  it('rethrows the failure it was closed with after the last value', async () => {
    const box = new LatestBox<number>();
    box.put(7);
    box.close(new Error('stream broke'));
    expect(await box.take()).toBe(7);
    await expect(box.take()).rejects.toThrow('stream broke');
  });
});
