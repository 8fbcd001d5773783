import nacl from 'tweetnacl';
import { describe, expect, it } from 'vitest';
import { signKeyShare } from '../../../common/wire/keyShareSigning.ts';
import type { KeyShareEntry } from '../../../common/wire/protocolTypes.ts';
import { openKeyShare } from '../../../participant/keyShares/openKeyShare.ts';
import { honestEntry } from './helpers/honestEntry.ts';
import { PAYLOAD_BYTES, sharePayload } from './helpers/sharePayload.ts';
import { shareKits, type ShareSite } from './helpers/shareKits.ts';

const kits = shareKits();
const run = { runId: '4', codecId: 'ckks-test', threshold: 3 };
const expected = { ...run, payloadBytes: PAYLOAD_BYTES };

const entryFor = (to: ShareSite, payload?: Uint8Array) => honestEntry(kits, run, 'site-b', to, payload);
const resigned = (entry: KeyShareEntry, signer = kits['site-b']) => signKeyShare(entry, signer.signingSecretKey!);

describe('openKeyShare', () => {
  it('opens an honest entry to the payload its sender made', async () => {
    expect(openKeyShare(kits['site-a'], await entryFor('site-a'), expected)).toEqual(sharePayload('site-b', 'site-a'));
  });

  it('refuses, naming the sender, an entry for another site, from an unlisted site or itself, badly signed, for another run, codec or threshold, that does not open, or of another size', async () => {
    const honest = await entryFor('site-a');
    const garbage = resigned({ ...honest, payloadSealed: nacl.randomBytes(honest.payloadSealed.length) });
    const cases: [KeyShareEntry, string][] = [
      [await entryFor('site-c'), 'the key share from site-b is addressed to site-c, not to this site site-a'],
      [{ ...honest, fromSite: 'site-z' }, 'the key share from site-z comes from no other site of consortium.json'],
      [resigned({ ...honest, fromSite: 'site-a' }, kits['site-a']), 'the key share from site-a comes from no other site of consortium.json'],
      [resigned(honest, kits['site-c']), 'the key share from site-b does not verify with site-b\'s signing key'],
      [{ ...honest, payloadSealed: honest.payloadSealed.map((byte, i) => (i === 0 ? byte ^ 1 : byte)) }, 'the key share from site-b does not verify with site-b\'s signing key'],
      [resigned({ ...honest, runId: '5' }), 'the key share from site-b is for runId 5, not 4'],
      [resigned({ ...honest, codecId: 'ckks-other' }), 'the key share from site-b is for codecId ckks-other, not ckks-test'],
      [resigned({ ...honest, threshold: 2 }), 'the key share from site-b is for threshold 2, not 3'],
      [garbage, 'the key share from site-b does not open with site-b\'s box key and this site\'s'],
      [await entryFor('site-a', sharePayload('site-b', 'site-a', 'short', PAYLOAD_BYTES - 1)), 'the key share from site-b holds 95 bytes, not 96'],
    ];
    for (const [entry, message] of cases) {
      expect(() => openKeyShare(kits['site-a'], entry, expected), message).toThrow(expect.objectContaining({ code: 'KEY_SHARE_INVALID', message, details: { from: entry.fromSite } }));
    }
  });
});
