// Key shares through a real coordinator: mutual-TLS gRPC on 127.0.0.1, the real lmdb store, four provisioned sites
// sealing, signing, fetching and opening with their own kits. Only the ledger is the in-memory double.
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import nacl from 'tweetnacl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kit } from '../../../common/kit/loadKit.ts';
import { MedflError } from '../../../common/MedflError.ts';
import { signKeyShare } from '../../../common/wire/keyShareSigning.ts';
import type { KeyShareEntry } from '../../../common/wire/protocolTypes.ts';
import { startCoordinator, type RunningCoordinator } from '../../../coordinator/startCoordinator.ts';
import { fetchKeyShares } from '../../../participant/keyShares/fetchKeyShares.ts';
import { heldKeyShares } from '../../../participant/keyShares/heldKeyShares.ts';
import { submitKeyShares } from '../../../participant/keyShares/submitKeyShares.ts';
import { CoordinatorClient } from '../../../participant/node/CoordinatorClient.ts';
import { PAYLOAD_BYTES, sharePayload } from '../../participant/keyShares/helpers/sharePayload.ts';
import { MemoryLedger, plaintextAggregation } from '../helpers/roundDoubles.ts';
import { testConsortium, testPlan, type TestConsortium } from '../helpers/testConsortium.ts';

const SITES = ['site-a', 'site-b', 'site-c', 'site-d'] as const;
type Site = (typeof SITES)[number];
/** A submission that sends nothing for this long is dropped (short here; honest ones take milliseconds). */
const IDLE_MS = 500;

let world: TestConsortium;
let ledger: MemoryLedger;
let coordinator: RunningCoordinator;
const clients: CoordinatorClient[] = [];

const kit = (site: Site): Kit => world.kits[site]!;
const codecId = () => plaintextAggregation(world.parameters).codecId;
const run = () => ({ runId: coordinator.engine.runId, codecId: codecId(), threshold: 3 });
const expected = () => ({ ...run(), payloadBytes: PAYLOAD_BYTES });
const outDir = (site: Site, label = 'out') => join(world.dir, label, site);

function start(): Promise<RunningCoordinator> {
  const { plan, parameters } = world;
  const limits = { uploadIdleMs: IDLE_MS };
  return startCoordinator({ kitDir: world.kitDirs.coordinator!, plan, storeDir: join(world.dir, 'store'), ledger, aggregation: plaintextAggregation(parameters), limits });
}

function client(site: Site): CoordinatorClient {
  const connected = CoordinatorClient.connect(coordinator.address, kit(site).tls, kit('site-a').consortium.coordinator);
  clients.push(connected);
  return connected;
}

const submit = (site: Site, variant = 'first') => submitKeyShares(client(site), kit(site), run(), (to) => sharePayload(site, to, variant));
const fetchAs = (site: Site, label = 'out') => fetchKeyShares(client(site), kit(site), expected(), outDir(site, label));

/** An entry `from` seals to `to` and `signer` signs, bypassing the site code, as a misbehaving site would. */
function craftedEntry(from: Site, to: Site, signer: Site = from): KeyShareEntry {
  const nonce = nacl.randomBytes(24);
  const recipient = kit(to).consortium.sites.find((site) => site.id === to)!;
  const payloadSealed = nacl.box(sharePayload(from, to), nonce, new Uint8Array(Buffer.from(recipient.boxPublicKey, 'base64')), kit(from).boxSecretKey!);
  return signKeyShare({ ...run(), fromSite: from, toSite: to, payloadSealed, nonce }, kit(signer).signingSecretKey!);
}

async function refusal(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  const error = await promise.then(() => undefined, (thrown: unknown) => thrown);
  expect(error).toBeInstanceOf(MedflError);
  return { code: (error as MedflError).code, message: (error as MedflError).message };
}

const storedFrom = (from: Site) => SITES.flatMap((to) => coordinator.engine.store.keyShare(run().runId, from, to) ?? []);

/** What `site` holds from each sender, against what each sender made for it. */
function expectHeld(site: Site, senders: readonly Site[], label = 'out'): void {
  const held = heldKeyShares(kit(site), expected(), outDir(site, label));
  expect([...held.keys()]).toEqual(senders);
  for (const sender of senders) expect(held.get(sender)).toEqual(sharePayload(sender, site));
}

beforeAll(async () => {
  world = await testConsortium(testPlan({ sites: [...SITES] }));
  ledger = new MemoryLedger();
  coordinator = await start();
});

afterAll(async () => {
  for (const each of clients) each.close();
  await coordinator.stop();
  world.cleanup();
});

describe('key shares through the coordinator over mutual-TLS gRPC and lmdb (in-memory ledger double)', () => {
  it('takes three sites\' shares, and each site fetches exactly the entries addressed to it and opens them to what their senders made', async () => {
    for (const site of ['site-a', 'site-b', 'site-c'] as const) {
      expect(await submit(site)).toEqual({ runId: run().runId, codecId: codecId(), fromSite: site, entries: 3 });
    }
    for (const site of ['site-a', 'site-b', 'site-c'] as const) {
      const others = SITES.filter((id) => id !== site && id !== 'site-d');
      expect(await fetchAs(site)).toEqual({ senders: new Set(others), refused: [] });
      expectHeld(site, others);
    }
    expect(await fetchAs('site-d')).toEqual({ senders: new Set(['site-a', 'site-b', 'site-c']), refused: [] });
    expectHeld('site-d', ['site-a', 'site-b', 'site-c']);
  });

  it('refuses a late site\'s entry signed by another key, naming another sender, addressed to itself, for another run, or a submission leaving a site out, naming one twice or stalling, storing none of it', async () => {
    const honest = (tweak: Partial<Record<Site, KeyShareEntry>>) => (['site-a', 'site-b', 'site-c'] as const).map((to) => tweak[to] ?? craftedEntry('site-d', to));
    const d = client('site-d');
    expect(await refusal(d.submitKeyShares(honest({ 'site-b': craftedEntry('site-d', 'site-b', 'site-c') })))).toEqual({
      code: 'SIGNATURE_INVALID', message: 'the key-share entry for site-b does not verify with site-d\'s signing key',
    });
    expect(await refusal(d.submitKeyShares([...honest({}), craftedEntry('site-c', 'site-a')]))).toEqual({
      code: 'IDENTITY_MISMATCH', message: 'the key-share entry names sender site-c but the TLS client certificate is site-d',
    });
    expect(await refusal(d.submitKeyShares([...honest({}), craftedEntry('site-d', 'site-d')]))).toEqual({
      code: 'KEY_SHARE_INVALID', message: 'site-d\'s key-share entry is addressed to itself; a site sends one to every other site',
    });
    const otherRun = signKeyShare({ ...craftedEntry('site-d', 'site-a'), runId: '99' }, kit('site-d').signingSecretKey!);
    expect(await refusal(d.submitKeyShares(honest({ 'site-a': otherRun })))).toEqual({
      code: 'RUN_MISMATCH', message: `key shares for run 99, but this coordinator runs run ${run().runId}`,
    });
    expect(await refusal(d.submitKeyShares(honest({}).slice(1)))).toEqual({
      code: 'KEY_SHARES_INCOMPLETE', message: 'site-d\'s submission leaves out site-a; send one entry for every other site in one submission',
    });
    expect(await refusal(d.submitKeyShares([...honest({}), craftedEntry('site-d', 'site-b')]))).toEqual({
      code: 'KEY_SHARES_INCOMPLETE', message: 'site-d\'s submission carries two entries for site-b; send one entry for every other site in one submission',
    });
    let resume = () => {};
    async function* stalls() {
      yield craftedEntry('site-d', 'site-a');
      await new Promise<void>((resolve) => (resume = resolve));
      yield* [craftedEntry('site-d', 'site-b'), craftedEntry('site-d', 'site-c')];
    }
    const stalled = refusal(d.submitKeyShares(stalls()));
    await new Promise((resolve) => setTimeout(resolve, IDLE_MS * 2));
    resume();
    expect(await stalled).toEqual({ code: 'KEY_SHARES_INCOMPLETE', message: 'the submission sent nothing for 0.5 s and was dropped; send the key shares again' });
    expect(storedFrom('site-d')).toEqual([]);
  });

  it('gives the others a late site\'s shares on their next fetch, keeping what they already held', async () => {
    expect(await submit('site-d')).toMatchObject({ fromSite: 'site-d', entries: 3 });
    for (const site of ['site-a', 'site-b', 'site-c'] as const) {
      const others = SITES.filter((id) => id !== site);
      expect(await fetchAs(site)).toEqual({ senders: new Set(others), refused: [] });
      expectHeld(site, others);
    }
  });

  it('still serves every entry after a restart on the reopened store, and acknowledges the same shares again', async () => {
    await coordinator.stop();
    coordinator = await start();
    for (const site of SITES) {
      const others = SITES.filter((id) => id !== site);
      expect(await fetchAs(site, 'after-restart')).toEqual({ senders: new Set(others), refused: [] });
      expectHeld(site, others, 'after-restart');
    }
    const raw: KeyShareEntry[] = [];
    for await (const entry of client('site-c').fetchKeyShares({ runId: run().runId, codecId: codecId() })) raw.push(entry);
    expect(raw.map((entry) => [entry.fromSite, entry.toSite])).toEqual([['site-a', 'site-c'], ['site-b', 'site-c'], ['site-d', 'site-c']]);
    expect(await submit('site-a')).toEqual({ runId: run().runId, codecId: codecId(), fromSite: 'site-a', entries: 3 });
  });

  it('refuses a sender\'s changed shares as KEY_SHARES_CONFLICT and keeps serving the first ones', async () => {
    const before = storedFrom('site-b');
    expect(await refusal(submit('site-b', 'second'))).toEqual({
      code: 'KEY_SHARES_CONFLICT', message: `site-b already submitted other key shares for run ${run().runId}; a sender may not change shares other sites may already hold`,
    });
    expect(storedFrom('site-b')).toEqual(before);
    expect(await fetchAs('site-a', 'after-conflict')).toEqual({ senders: new Set(['site-b', 'site-c', 'site-d']), refused: [] });
    expectHeld('site-a', ['site-b', 'site-c', 'site-d'], 'after-conflict');
  });

  it('refuses a fetch for another codec with CODEC_ID_MISMATCH', async () => {
    const wrong = fetchKeyShares(client('site-a'), kit('site-a'), { ...expected(), codecId: 'ckks-other' }, mkdtempSync(join(world.dir, 'wrong-')));
    expect(await refusal(wrong)).toEqual({ code: 'CODEC_ID_MISMATCH', message: `key shares for codec ckks-other, but the run uses ${codecId()}` });
  });
});
