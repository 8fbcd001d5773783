import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hash32 } from '../../../common/canonicalJson.ts';
import { logger } from '../../../common/log.ts';
import type { AggregateHeader, DecryptionShareEnvelope, RoundTask } from '../../../common/wire/protocolTypes.ts';
import { isDecryptionShareSignatureValid } from '../../../common/wire/decryptionShareSigning.ts';
import { decryptRound, type DecryptContext } from '../../../participant/threshold/decryptRound.ts';
import { attempt, PREV_MODEL, thresholdWorld, type ThresholdWorld } from './helpers/thresholdWorld.ts';

let world: ThresholdWorld;
beforeAll(async () => {
  world = await thresholdWorld();
}, 60_000);
afterAll(() => world.cleanup());

const task = (deadlineUnixMs = Date.now() + 60_000): RoundTask => ({
  ...attempt, planHash: PREV_MODEL, prevModelHash: PREV_MODEL, deadlineUnixMs, minUpdates: 2, codecId: world.sites['site-a'].codec.codecId,
  chunkCount: 1, expectedSites: ['site-a', 'site-b', 'site-c', 'site-d'], proximalMu: 0, keyHolders: ['site-a', 'site-b', 'site-c', 'site-d'],
});

interface Sent { envelope: DecryptionShareEnvelope; chunks: readonly Uint8Array[] }

/** Site `site`'s decryption step with a coordinator double serving `header` and taking shares, and a chain double holding `closed`. */
function decryptor(site: 'site-a' | 'site-b' | 'site-c', header: AggregateHeader, closed: () => string | undefined, minUpdates = 2, closeWaitMs = 60_000) {
  const closedHash = () => closed() as Hash32 | undefined;
  const sent: Sent[] = [];
  const { kit, outDir, codec } = world.sites[site];
  const context: DecryptContext = {
    kit, outDir, minUpdates, closeWaitMs, codec, keys: world.keys[site], log: logger(), pollMs: 10,
    ledger: { closedAttempt: async () => closedHash() },
    client: {
      async *fetchAggregate() {
        yield { header };
      },
      submitDecryptionShare: async (envelope, chunks) => {
        sent.push({ envelope, chunks });
        return { ...attempt, site: envelope.site, digest: envelope.digest, sharesIn: sent.length };
      },
    },
  };
  return { context, sent };
}

describe('decryptRound (coordinator and chain doubles; real codecs, keys and signatures)', () => {
  it('sends a share signed over the closed set once the chain holds it, the same bytes again on a resend, and records the release first', async () => {
    const { header } = await world.attemptOf(['site-a', 'site-b', 'site-c'], ['site-a', 'site-b']);
    let reads = 0;
    const { context, sent } = decryptor('site-a', header, () => (++reads < 3 ? undefined : header.setHash));
    const outcome = await decryptRound(context, task());
    expect(reads).toBe(3);
    expect(outcome).toMatchObject({ sent: true, sharesIn: 1 });
    await decryptRound(context, task());
    expect(sent).toHaveLength(2);
    expect(sent[1]!.envelope).toEqual(sent[0]!.envelope);
    expect(sent[1]!.chunks).toEqual(sent[0]!.chunks);
    const { envelope } = sent[0]!;
    expect(envelope).toMatchObject({ ...attempt, site: 'site-a', setHash: header.setHash, chunkCount: 1 });
    const signingKey = new Uint8Array(Buffer.from(world.sites['site-a'].kit.consortium.sites[0]!.signingPublicKey, 'base64'));
    expect(isDecryptionShareSignatureValid(envelope, signingKey)).toBe(true);
    const record = join(world.sites['site-a'].outDir, 'decryption-shares', '1', 'round-1-attempt-0.json');
    expect(JSON.parse(readFileSync(record, 'utf8'))).toEqual({ setHash: header.setHash });
  });

  it('sends nothing when this site is not a decryptor', async () => {
    const { header } = await world.attemptOf(['site-a', 'site-b'], ['site-b', 'site-c']);
    const { context, sent } = decryptor('site-a', header, () => header.setHash);
    await expect(decryptRound(context, task())).resolves.toEqual({ sent: false, reason: 'not a decryptor' });
    expect(sent).toHaveLength(0);
  });

  it('refuses a header whose sets do not hash to its set hash, one with fewer contributors than the plan allows, and one with more decryptors than the threshold', async () => {
    const { header } = await world.attemptOf(['site-a', 'site-b', 'site-c'], ['site-b', 'site-c']);
    const lying = { ...header, contributions: header.contributions.slice(0, 2), totalExamples: 0 };
    const wrong = decryptor('site-b', lying, () => header.setHash);
    await expect(decryptRound(wrong.context, task())).rejects.toThrow(expect.objectContaining({ code: 'ATTESTATION_INVALID', message: expect.stringMatching(/hash to 0x[0-9a-f]{64}, not to its set hash/) }));
    const few = decryptor('site-b', header, () => header.setHash, 4);
    await expect(decryptRound(few.context, task())).rejects.toThrow(
      'round 1 attempt 0 closed with 3 updates; the plan needs at least 4 before an aggregate is opened; sending no decryption share',
    );
    const three = await world.attemptOf(['site-a', 'site-b'], ['site-a', 'site-b', 'site-c']);
    const many = decryptor('site-b', three.header, () => three.header.setHash);
    await expect(decryptRound(many.context, task())).rejects.toThrow(
      'round 1 attempt 0 names 3 decryptors [site-a, site-b, site-c]; the plan\'s threshold is 2 distinct sites; sending no decryption share',
    );
    expect([...wrong.sent, ...few.sent, ...many.sent]).toHaveLength(0);
    expect(existsSync(join(world.sites['site-b'].outDir, 'decryption-shares'))).toBe(false);
  });

  it('refuses a contributor whose leaf its key does not sign', async () => {
    const { header } = await world.attemptOf(['site-a', 'site-b'], ['site-b', 'site-c']);
    const leaves = header.contributions.map((leaf, i) => (i === 0 ? { ...leaf, examples: leaf.examples + 1 } : leaf));
    const { context, sent } = decryptor('site-c', { ...header, contributions: leaves }, () => header.setHash);
    await expect(decryptRound(context, task())).rejects.toThrow(expect.objectContaining({ code: 'CONTRIBUTION_SIGNATURE_INVALID', details: { site: 'site-a' } }));
    expect(sent).toHaveLength(0);
  });

  it('waits for the chain one round deadline from when it decrypts, even past the collection deadline (ATTEMPT_NOT_CLOSED), and refuses a chain closed with another set; nothing sent', async () => {
    const { header } = await world.attemptOf(['site-a', 'site-b'], ['site-a', 'site-c']);
    let reads = 0;
    const late = decryptor('site-c', header, () => (++reads < 5 ? undefined : header.setHash), 2, 1000);
    // Its own out folder: the release it records must not be the one the other tests of site-c make.
    const lateContext = { ...late.context, outDir: mkdtempSync(join(tmpdir(), 'medfl-late-decryptor-')) };
    await expect(decryptRound(lateContext, task(Date.now() - 1))).resolves.toMatchObject({ sent: true });
    const open = decryptor('site-c', header, () => undefined, 2, 50);
    await expect(decryptRound(open.context, task(Date.now() - 1))).rejects.toThrow(
      expect.objectContaining({ code: 'ATTEMPT_NOT_CLOSED', message: 'run 1 round 1 attempt 0 is not closed on chain by the round\'s deadline; sending no decryption share' }),
    );
    const other = decryptor('site-c', header, () => `0x${'11'.repeat(32)}`);
    await expect(decryptRound(other.context, task())).rejects.toThrow(expect.objectContaining({ code: 'DECRYPTION_SET_CHANGED' }));
    expect([...open.sent, ...other.sent]).toHaveLength(0);
    expect(late.sent).toHaveLength(1);
  });

  it('refuses a second set for an attempt it already released a share for (DECRYPTION_SET_CHANGED), sending nothing', async () => {
    const first = await world.attemptOf(['site-a', 'site-b', 'site-c'], ['site-b', 'site-c']);
    const released = decryptor('site-c', first.header, () => first.header.setHash);
    await decryptRound(released.context, task());
    expect(released.sent).toHaveLength(1);
    const second = await world.attemptOf(['site-a', 'site-c'], ['site-b', 'site-c']);
    const asked = decryptor('site-c', second.header, () => second.header.setHash);
    await expect(decryptRound(asked.context, task())).rejects.toThrow(expect.objectContaining({
      code: 'DECRYPTION_SET_CHANGED',
      message: expect.stringContaining(`this site released its decryption share for set ${first.header.setHash}`),
    }));
    expect(asked.sent).toHaveLength(0);
  });
});
