import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Kit } from '../../../common/kit/loadKit.ts';
import { logger } from '../../../common/log.ts';
import type { KeyShareEntry } from '../../../common/wire/protocolTypes.ts';
import type { ThresholdSiteCodec } from '../../../participant/ports.ts';
import { gatherKeyShares, submitOwnKeyShares } from '../../../participant/threshold/keySetup.ts';
import { thresholdSiteCodec } from '../../../participant/wiring.ts';
import { shareKits, type ShareSite } from '../keyShares/helpers/shareKits.ts';
import { keyShareRelay, params } from './helpers/thresholdWorld.ts';

const root = mkdtempSync(join(tmpdir(), 'medfl-key-setup-'));
const codecs: ThresholdSiteCodec[] = [];
afterAll(() => {
  codecs.forEach((codec) => codec.dispose());
  rmSync(root, { recursive: true, force: true });
});

const kits = shareKits();
const kitDirs = Object.fromEntries(Object.keys(kits).map((id) => [id, mkdtempSync(join(root, `kit-${id}-`))]));

/** Site `id` as a process would open it: its kit (seed in the kit folder), a fresh codec, its out folder. */
async function siteProcess(id: ShareSite, client: ReturnType<ReturnType<typeof keyShareRelay>['clientFor']>) {
  const kit = { ...kits[id], dir: kitDirs[id]! } as Kit;
  const codec = await thresholdSiteCodec(params, kit.dir);
  codecs.push(codec);
  const warnings: unknown[] = [];
  const log = Object.assign(Object.create(logger()) as ReturnType<typeof logger>, { warn: (...args: unknown[]) => warnings.push(args) });
  return { setup: { kit, outDir: join(root, `out-${id}`), codec, client, log }, warnings };
}

const bytesOf = (entries: readonly KeyShareEntry[]) => entries.map((entry) => Buffer.from(entry.payloadSealed).toString('hex'));

describe('key setup (in-memory relay standing in for the coordinator)', () => {
  it('keeps its shares (0600) before sending, and a restarted site sends exactly the same entries again', async () => {
    const relay = keyShareRelay();
    const first = await siteProcess('site-a', relay.clientFor('site-a'));
    await submitOwnKeyShares(first.setup, '1');
    const file = join(first.setup.outDir, 'own-key-shares', '1.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const restarted = await siteProcess('site-a', relay.clientFor('site-a'));
    await submitOwnKeyShares(restarted.setup, '1');
    expect(relay.entries).toHaveLength(6);
    expect(relay.entries.map((entry) => entry.toSite)).toEqual(['site-b', 'site-c', 'site-d', 'site-b', 'site-c', 'site-d']);
    expect(bytesOf(relay.entries.slice(3))).toEqual(bytesOf(relay.entries.slice(0, 3)));
    expect(relay.entries.slice(3).map((entry) => entry.signature)).toEqual(relay.entries.slice(0, 3).map((entry) => entry.signature));
  });

  it('gives every key holder the same group secret, and sits the attempt out (KEY_SHARES_MISSING warned) while a holder\'s shares are missing', async () => {
    const relay = keyShareRelay();
    const sites = { a: await siteProcess('site-a', relay.clientFor('site-a')), b: await siteProcess('site-b', relay.clientFor('site-b')), c: await siteProcess('site-c', relay.clientFor('site-c')) };
    // Own folders per relay: this test's sites start from scratch.
    for (const site of Object.values(sites)) Object.assign(site.setup, { outDir: join(root, `relay2-${site.setup.kit.id}`) });
    await submitOwnKeyShares(sites.a.setup, '2');
    await submitOwnKeyShares(sites.b.setup, '2');
    const holders = ['site-a', 'site-b'];
    const [atA, atB] = [await gatherKeyShares(sites.a.setup, '2', holders), await gatherKeyShares(sites.b.setup, '2', holders)];
    expect(atA!.groupSecret).toEqual(atB!.groupSecret);
    expect([...atA!.shares.keys()].sort()).toEqual(['site-a', 'site-b']);
    expect(await gatherKeyShares(sites.a.setup, '2', ['site-a', 'site-b', 'site-c'])).toBeUndefined();
    expect(sites.a.warnings).toEqual([[expect.objectContaining({ code: 'KEY_SHARES_MISSING', missing: ['site-c'] }), 'no key shares from site-c for run 2 yet (key holders: site-a, site-b, site-c); sitting this attempt out']]);
    // site-c sent nothing, so it is no key holder: it sits out too, though it holds the others' shares.
    expect(await gatherKeyShares(sites.c.setup, '2', holders)).toBeUndefined();
    expect(existsSync(join(sites.c.setup.outDir, 'key-shares', '2', 'site-a.json'))).toBe(true);
  });
});
