// fetchKeyShares' keep-or-refuse rule with the coordinator played by a test double that serves whatever entries it is
// given (tampered, forged, repeated), which a real coordinator's own checks would not let through.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nacl from 'tweetnacl';
import { afterEach, describe, expect, it } from 'vitest';
import { MedflError } from '../../../common/MedflError.ts';
import { signKeyShare } from '../../../common/wire/keyShareSigning.ts';
import type { KeyShareEntry } from '../../../common/wire/protocolTypes.ts';
import { fetchKeyShares } from '../../../participant/keyShares/fetchKeyShares.ts';
import { heldKeyShares } from '../../../participant/keyShares/heldKeyShares.ts';
import { honestEntry } from './helpers/honestEntry.ts';
import { PAYLOAD_BYTES, sharePayload } from './helpers/sharePayload.ts';
import { shareKits, type ShareSite } from './helpers/shareKits.ts';

const kits = shareKits();
const run = { runId: '4', codecId: 'ckks-test', threshold: 3 };
const expected = { ...run, payloadBytes: PAYLOAD_BYTES };
const dirs: string[] = [];

function outDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'medfl-shares-'));
  dirs.push(dir);
  return dir;
}

const entryFrom = (from: ShareSite, variant = 'first') => honestEntry(kits, run, from, 'site-a', undefined, variant);

/** The coordinator double: serves `entries`, then fails with `failure` if given. */
function serving(entries: readonly KeyShareEntry[], failure?: MedflError) {
  return {
    requests: [] as unknown[],
    async *fetchKeyShares(request: unknown) {
      this.requests.push(request);
      yield* entries;
      if (failure) throw failure;
    },
  };
}

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('fetchKeyShares (coordinator played by a test double)', () => {
  it('keeps every good entry and refuses each bad one naming its sender: a payload altered in transit, a sender\'s sealed garbage', async () => {
    const out = outDir();
    const fromC = await entryFrom('site-c');
    const tampered = { ...fromC, payloadSealed: fromC.payloadSealed.map((byte, i) => (i === 3 ? byte ^ 0x80 : byte)) };
    const fromD = await entryFrom('site-d');
    const garbage = signKeyShare({ ...fromD, payloadSealed: nacl.randomBytes(fromD.payloadSealed.length) }, kits['site-d'].signingSecretKey!);
    const coordinator = serving([tampered, await entryFrom('site-b'), garbage]);
    const fetched = await fetchKeyShares(coordinator, kits['site-a'], expected, out);
    expect(coordinator.requests).toEqual([{ runId: '4', codecId: 'ckks-test' }]);
    expect(fetched.senders).toEqual(new Set(['site-b']));
    expect(fetched.refused.map((error) => [error.code, error.message])).toEqual([
      ['KEY_SHARE_INVALID', 'the key share from site-c does not verify with site-c\'s signing key'],
      ['KEY_SHARE_INVALID', 'the key share from site-d does not open with site-d\'s box key and this site\'s'],
    ]);
    expect(heldKeyShares(kits['site-a'], expected, out)).toEqual(new Map([['site-b', sharePayload('site-b', 'site-a')]]));
  });

  it('adds later senders on a later fetch, and keeps a sender\'s first entry when it is served another one', async () => {
    const out = outDir();
    await fetchKeyShares(serving([await entryFrom('site-b')]), kits['site-a'], expected, out);
    const later = await fetchKeyShares(serving([await entryFrom('site-b', 'second'), await entryFrom('site-b'), await entryFrom('site-c')]), kits['site-a'], expected, out);
    expect(later.senders).toEqual(new Set(['site-b', 'site-c']));
    expect(later.refused.map((error) => [error.message, error.details])).toEqual([
      ['the key share from site-b differs from the one it sent before, which this site keeps', { from: 'site-b' }],
    ]);
    expect(heldKeyShares(kits['site-a'], expected, out)).toEqual(new Map([['site-b', sharePayload('site-b', 'site-a')], ['site-c', sharePayload('site-c', 'site-a')]]));
  });

  it('ends with the call\'s failure, keeping what arrived before it', async () => {
    const out = outDir();
    const failure = new MedflError('TRANSPORT_UNAVAILABLE', 'the coordinator did not complete FetchKeyShares within 300 s');
    await expect(fetchKeyShares(serving([await entryFrom('site-d')], failure), kits['site-a'], expected, out)).rejects.toBe(failure);
    expect([...heldKeyShares(kits['site-a'], expected, out).keys()]).toEqual(['site-d']);
  });
});
