// submitKeyShares with the coordinator played by a test double that records what it is sent and answers a receipt.
import nacl from 'tweetnacl';
import { describe, expect, it } from 'vitest';
import { isKeyShareSignatureValid } from '../../../common/wire/keyShareSigning.ts';
import type { KeyShareEntry, KeySharesReceipt } from '../../../common/wire/protocolTypes.ts';
import { submitKeyShares } from '../../../participant/keyShares/submitKeyShares.ts';
import { sharePayload } from './helpers/sharePayload.ts';
import { shareKits } from './helpers/shareKits.ts';

const kits = shareKits();
const run = { runId: '4', codecId: 'ckks-test', threshold: 3 };

/** A coordinator double: keeps each submission, answers `receipt` (by default the one an honest coordinator gives). */
function recorder(receipt?: Partial<KeySharesReceipt>) {
  const submissions: KeyShareEntry[][] = [];
  return {
    submissions,
    submitKeyShares: async (entries: readonly KeyShareEntry[]) => {
      submissions.push([...entries]);
      return { runId: run.runId, codecId: run.codecId, fromSite: entries[0]!.fromSite, entries: entries.length, ...receipt };
    },
  };
}

const publicKey = (site: string, key: 'signingPublicKey' | 'boxPublicKey') =>
  new Uint8Array(Buffer.from(kits['site-a'].consortium.sites.find((entry) => entry.id === site)![key], 'base64'));

describe('submitKeyShares (coordinator played by a test double)', () => {
  it('seals each other site\'s payload to that site alone and signs it, in consortium order', async () => {
    const coordinator = recorder();
    expect(await submitKeyShares(coordinator, kits['site-b'], run, (to) => sharePayload('site-b', to))).toEqual({ runId: '4', codecId: 'ckks-test', fromSite: 'site-b', entries: 3 });
    const [entries] = coordinator.submissions;
    expect(entries!.map((entry) => [entry.fromSite, entry.toSite, entry.threshold, entry.runId, entry.codecId])).toEqual(
      ['site-a', 'site-c', 'site-d'].map((to) => ['site-b', to, 3, '4', 'ckks-test']),
    );
    for (const entry of entries!) {
      expect(isKeyShareSignatureValid(entry, publicKey('site-b', 'signingPublicKey'))).toBe(true);
      const opened = nacl.box.open(entry.payloadSealed, entry.nonce, publicKey('site-b', 'boxPublicKey'), kits[entry.toSite as 'site-a'].boxSecretKey!);
      expect(opened).toEqual(sharePayload('site-b', entry.toSite));
      expect(nacl.box.open(entry.payloadSealed, entry.nonce, publicKey('site-b', 'boxPublicKey'), kits['site-c'].boxSecretKey!) === null).toBe(entry.toSite !== 'site-c');
    }
  });

  it('sends byte-identical entries for the same payloads again (a retry), and fresh nonces for changed ones', async () => {
    const coordinator = recorder();
    await submitKeyShares(coordinator, kits['site-a'], run, (to) => sharePayload('site-a', to));
    await submitKeyShares(coordinator, kits['site-a'], run, (to) => sharePayload('site-a', to));
    await submitKeyShares(coordinator, kits['site-a'], run, (to) => sharePayload('site-a', to, 'second'));
    const [first, retry, changed] = coordinator.submissions;
    expect(retry).toEqual(first);
    for (const [index, entry] of changed!.entries()) expect(entry.nonce).not.toEqual(first![index]!.nonce);
  });

  it('refuses a threshold outside 1..sites and a coordinator kit before sending anything, and a receipt for other entries', async () => {
    const coordinator = recorder();
    const payload = (to: string) => sharePayload('site-a', to);
    await expect(submitKeyShares(coordinator, kits['site-a'], { ...run, threshold: 5 }, payload)).rejects.toMatchObject({
      code: 'USAGE', message: 'threshold 5 is not between 1 and the consortium\'s 4 sites',
    });
    await expect(submitKeyShares(coordinator, kits['site-a'], { ...run, threshold: 0 }, payload)).rejects.toMatchObject({ code: 'USAGE' });
    await expect(submitKeyShares(coordinator, kits.coordinator, run, payload)).rejects.toMatchObject({
      code: 'KIT_INVALID', message: 'kit kits/coordinator holds no site keys; key shares are sent and opened by sites',
    });
    expect(coordinator.submissions).toEqual([]);
    await expect(submitKeyShares(recorder({ entries: 2 }), kits['site-a'], run, payload)).rejects.toMatchObject({
      code: 'RECEIPT_INVALID',
      message: 'the coordinator acknowledged {"codecId":"ckks-test","entries":2,"fromSite":"site-a","runId":"4"} for key shares {"codecId":"ckks-test","entries":3,"fromSite":"site-a","runId":"4"}',
    });
  });
});
