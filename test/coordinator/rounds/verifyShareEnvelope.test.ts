import nacl from 'tweetnacl';
import { describe, expect, it } from 'vitest';
import type { ConsortiumSite } from '../../../common/kit/Consortium.ts';
import { childLogger } from '../../../common/log.ts';
import { signDecryptionShare } from '../../../common/wire/decryptionShareSigning.ts';
import type { AggregateHeader, RoundState, RoundTask } from '../../../common/wire/protocolTypes.ts';
import { RoundAttempt } from '../../../coordinator/rounds/RoundAttempt.ts';
import { verifyShareEnvelope } from '../../../coordinator/rounds/verifyShareEnvelope.ts';

const keys = nacl.sign.keyPair.fromSeed(new Uint8Array(32).fill(4));
const other = nacl.sign.keyPair.fromSeed(new Uint8Array(32).fill(5));
const hash = (byte: string) => `0x${byte.repeat(64)}` as const;
const peer: ConsortiumSite = {
  id: 'site-a', certFingerprint256: '', signingPublicKey: Buffer.from(keys.publicKey).toString('base64'), boxPublicKey: '', address: '0x0000000000000000000000000000000000000001',
};
const task: RoundTask = {
  runId: 'run-1', round: 2, attempt: 1, planHash: hash('a'), prevModelHash: hash('b'), deadlineUnixMs: 0, minUpdates: 1, codecId: 'ckks-t', chunkCount: 2,
  expectedSites: ['site-a', 'site-b', 'site-c'], proximalMu: 0, keyHolders: ['site-a', 'site-b', 'site-c'],
};
const header = { runId: 'run-1', round: 2, attempt: 1, decryptors: ['site-a', 'site-b'], setHash: hash('5'), decryptionShares: [] } as unknown as AggregateHeader;
const fields = { runId: 'run-1', round: 2, attempt: 1, site: 'site-a', codecId: 'ckks-t', setHash: hash('5'), digest: hash('d'), chunkCount: 2, maskedFingerprint: new Uint8Array(32) };

function attemptIn(state: RoundState, decryptors = header.decryptors): RoundAttempt {
  const attempt = new RoundAttempt(task, state, childLogger('test'));
  attempt.aggregate = { ...header, decryptors };
  return attempt;
}

const check = (changes: Partial<typeof fields>, attempt = attemptIn('DECRYPTING'), secret = keys.secretKey) =>
  () => verifyShareEnvelope(signDecryptionShare({ ...fields, ...changes }, secret), peer, attempt);

describe('verifyShareEnvelope', () => {
  it('accepts a decryptor\'s signed share of the decrypting attempt', () => {
    expect(check({})).not.toThrow();
  });

  it('refuses each kind of bad share with its own code', () => {
    expect(check({ site: 'site-b' })).toThrow(expect.objectContaining({ code: 'SHARE_INVALID' }));
    expect(check({}, attemptIn('DECRYPTING'), other.secretKey)).toThrow("the decryption share's ed25519 signature does not verify with site-a's signing key");
    expect(check({ attempt: 0 })).toThrow(expect.objectContaining({ code: 'SHARE_NOT_EXPECTED' }));
    expect(check({}, attemptIn('CLOSED'))).toThrow('round 2 attempt 1 is CLOSED and takes no decryption shares');
    expect(check({}, attemptIn('DECRYPTING', ['site-b', 'site-c']))).toThrow(expect.objectContaining({ code: 'SHARE_NOT_EXPECTED' }));
    expect(check({ setHash: hash('6') })).toThrow(expect.objectContaining({ code: 'DECRYPTION_SET_CHANGED' }));
    expect(check({ codecId: 'ckks-other' })).toThrow(expect.objectContaining({ code: 'SHARE_INVALID' }));
    expect(check({ chunkCount: 3 })).toThrow('the share announces 3 chunks but this run\'s shares have 2');
  });

  it('refuses a second share of a decryptor, held or still streaming, with SHARE_CONFLICT', () => {
    const held = attemptIn('DECRYPTING');
    held.shares.set('site-a', signDecryptionShare(fields, keys.secretKey));
    expect(check({}, held)).toThrow(expect.objectContaining({ code: 'SHARE_CONFLICT' }));
    const streaming = attemptIn('DECRYPTING');
    streaming.sharesInflight.add('site-a');
    expect(check({}, streaming)).toThrow('site site-a is already sending its decryption share for round 2 attempt 1');
  });
});
