// A submission's checks that the end-to-end test (test/coordinator/server/keyShareCalls.test.ts) does not reach, on a real store.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { signKeyShare } from '../../../common/wire/keyShareSigning.ts';
import type { KeyShareEntry } from '../../../common/wire/protocolTypes.ts';
import { KeyShareSubmission } from '../../../coordinator/keyShares/KeyShareSubmission.ts';
import { RoundStore } from '../../../coordinator/store/RoundStore.ts';
import { honestEntry } from '../../participant/keyShares/helpers/honestEntry.ts';
import { shareKits, type ShareSite } from '../../participant/keyShares/helpers/shareKits.ts';

const kits = shareKits();
const { consortium } = kits['site-a'];
const context = { consortium, runId: '4', codecId: 'ckks-test' };
const run = { runId: '4', codecId: 'ckks-test', threshold: 2 };
const dir = mkdtempSync(join(tmpdir(), 'medfl-share-submission-'));
const store = RoundStore.open(dir);

afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const caller = consortium.sites.find((site) => site.id === 'site-a')!;
const fromA = (to: ShareSite, threshold = 2) => honestEntry(kits, { ...run, threshold }, 'site-a', to);
const resigned = (entry: KeyShareEntry) => signKeyShare(entry, kits['site-a'].signingSecretKey!);

function adding(entries: readonly KeyShareEntry[]): () => void {
  return () => {
    const submission = new KeyShareSubmission(caller, context);
    for (const entry of entries) submission.add(entry);
  };
}

describe('KeyShareSubmission', () => {
  it('refuses entries of one sender with two thresholds, a threshold above the site count, an unlisted recipient and another codec', async () => {
    expect(adding([await fromA('site-b'), await fromA('site-c', 3)])).toThrow(expect.objectContaining({
      code: 'KEY_SHARE_INVALID', message: 'site-a\'s key-share entries for site-b and site-c ask for thresholds 2 and 3; one sender\'s shares have one threshold',
    }));
    expect(adding([resigned({ ...(await fromA('site-b')), threshold: 5 })])).toThrow(expect.objectContaining({
      code: 'KEY_SHARE_INVALID', message: 'site-a\'s key-share entry asks for threshold 5, more than the consortium\'s 4 sites',
    }));
    expect(adding([resigned({ ...(await fromA('site-b')), toSite: 'site-z' })])).toThrow(expect.objectContaining({
      code: 'KEY_SHARE_INVALID', message: 'site-a\'s key-share entry is addressed to site-z, which consortium.json does not list', details: { from: 'site-a', to: 'site-z' },
    }));
    expect(adding([resigned({ ...(await fromA('site-b')), codecId: 'ckks-other' })])).toThrow(expect.objectContaining({
      code: 'CODEC_ID_MISMATCH', message: 'key shares for codec ckks-other, but the run uses ckks-test',
    }));
  });

  it('stores a complete set in consortium order and answers the same set again with the same receipt', async () => {
    const entries = [await fromA('site-d'), await fromA('site-b'), await fromA('site-c')];
    const receipts = [];
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const submission = new KeyShareSubmission(caller, context);
      for (const entry of entries) submission.add(entry);
      receipts.push(await submission.finish(store));
    }
    expect(receipts).toEqual([1, 2].map(() => ({ runId: '4', codecId: 'ckks-test', fromSite: 'site-a', entries: 3 })));
    expect(['site-b', 'site-c', 'site-d'].map((to) => store.keyShare('4', 'site-a', to)?.toSite)).toEqual(['site-b', 'site-c', 'site-d']);
  });
});
