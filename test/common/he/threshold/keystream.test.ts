import { describe, expect, it } from 'vitest';
import { createKeystream } from '../../../../common/he/threshold/keystream.ts';

const secret = new Uint8Array(32).fill(7);

describe('createKeystream', () => {
  it('is one deterministic stream however it is read, and separate for another secret, salt or info', () => {
    const whole = createKeystream(secret, 'salt', 'info').next(100);
    const pieces = createKeystream(secret, 'salt', 'info');
    expect(Uint8Array.from([...pieces.next(33), ...pieces.next(67)])).toEqual(whole);
    expect(createKeystream(new Uint8Array(32), 'salt', 'info').next(100)).not.toEqual(whole);
    expect(createKeystream(secret, 'other', 'info').next(100)).not.toEqual(whole);
    expect(createKeystream(secret, 'salt', 'other').next(100)).not.toEqual(whole);
  });
});
