// A threshold CKKS attempt through a real coordinator (mutual-TLS gRPC, lmdb, real SEAL-made c0s and decryption
// shares): key holders, decryptors, the sets closed on chain, DECRYPTING, shares, restarts. Only the ledger is a double.
import { afterEach, describe, expect, it } from 'vitest';
import type { Kit } from '../../../common/kit/loadKit.ts';
import { createPolynomialSum } from '../../../common/he/threshold/createPolynomialSum.ts';
import type { CkksParameters } from '../../../common/he/ckksParameters.ts';
import { attemptSetHash } from '../../../common/wire/attemptSetHash.ts';
import { runCodecParameters } from '../../../common/wire/runCodecParameters.ts';
import { submitKeyShares } from '../../../participant/keyShares/submitKeyShares.ts';
import type { AggregateHeader, RoundTask } from '../../../common/wire/protocolTypes.ts';
import type { AggregatePart } from '../../../common/wire/wireCodec.ts';
import { statusWhere } from '../helpers/statusWhere.ts';
import { thresholdRun, type ThresholdRun } from '../helpers/thresholdRun.ts';
import type { ShareOptions } from '../helpers/thresholdSites.ts';

const runs: ThresholdRun[] = [];
afterEach(async () => {
  for (const run of runs.splice(0)) await run.cleanup();
});

async function setUp(...args: Parameters<typeof thresholdRun>): Promise<ThresholdRun> {
  const run = await thresholdRun(...args);
  runs.push(run);
  return run;
}

const kit = (run: ThresholdRun, site: string): Kit => run.world.kits[site]!;
const task = (run: ThresholdRun): RoundTask => run.coordinator().engine.status().task!;
const header = (run: ThresholdRun): AggregateHeader => run.coordinator().engine.aggregate(1).header;

async function upload(run: ThresholdRun, sites: readonly string[]): Promise<void> {
  for (const site of sites) {
    const { envelope, chunks } = run.sites.upload(kit(run, site), task(run));
    await run.client(site).submitUpdate(envelope, chunks);
  }
}

async function fetchAll(run: ThresholdRun, site: string): Promise<AggregatePart[]> {
  const parts: AggregatePart[] = [];
  for await (const part of run.client(site).fetchAggregate(1)) parts.push(part);
  return parts;
}

function sendShare(run: ThresholdRun, site: string, options?: ShareOptions) {
  const { envelope, chunks } = run.sites.share(kit(run, site), header(run), options);
  return run.shares(site).submit(envelope, chunks);
}

/** `site`'s attestation of the completed aggregate of round 1 (the model hash is the test's: the coordinator never sees a model). */
async function attest(run: ThresholdRun, site: string): Promise<unknown> {
  const { runId, prevModelHash, aggregateDigest, contributionsRoot, totalExamples } = header(run);
  const fields = { runId, round: 1, prevModelHash, modelHash: `0x${'cd'.repeat(32)}` as const, aggregateDigest, contributionsRoot, totalExamples };
  const signature = await run.ledger.siteLedger(kit(run, site).ethPrivateKey).signAttestation(fields);
  const metrics = { loss: 0.5, accuracy: 0.7, auroc: 0.8, auprc: 0.6, brier: 0.2, positiveRate: 0.4, examples: 5 };
  return run.client(site).submitAttestation({ ...fields, attempt: 0, site, signature, metrics });
}

const refusal = (promise: Promise<unknown>) => promise.then(() => undefined, (thrown: unknown) => thrown);
const roundState = (run: ThresholdRun) => run.coordinator().engine.store.getRound(1, 0)?.state;

describe('RunEngine under threshold CKKS (in-memory ledger double)', () => {
  it('goes COLLECTING -> CLOSED -> DECRYPTING -> ATTESTING -> COMMITTED: the sets closed on chain once, the decryptors\' shares folded and streamed after the aggregate', async () => {
    const run = await setUp({});
    const states: string[] = [];
    run.coordinator().engine.watch((status) => states.push(status.roundState));
    expect(task(run).keyHolders).toEqual(['site-a', 'site-b', 'site-c']);
    await upload(run, ['site-c', 'site-a', 'site-b']);
    await statusWhere(run.coordinator(), (status) => status.roundState === 'DECRYPTING');
    const closed = header(run);
    // t = 2 (a majority of 3): contributors first, in consortium order.
    expect(closed.decryptors).toEqual(['site-a', 'site-b']);
    const contributions = closed.contributions.map(({ site, digest }) => ({ site, digest }));
    const setHash = attemptSetHash({ runId: '1', round: 1, attempt: 0, contributions, decryptors: ['site-a', 'site-b'] });
    expect(closed).toMatchObject({ setHash, decryptionShares: [] });
    expect(run.ledger.closeCalls).toEqual([{ runId: '1', round: 1, attempt: 0, setHash }]);
    expect(await fetchAll(run, 'site-c')).toEqual([{ header: closed }]);

    const a = run.sites.share(kit(run, 'site-a'), closed);
    const b = run.sites.share(kit(run, 'site-b'), closed);
    expect(await run.shares('site-a').submit(a.envelope, a.chunks)).toEqual({ runId: '1', round: 1, attempt: 0, site: 'site-a', digest: a.envelope.digest, sharesIn: 1 });
    expect(roundState(run)).toBe('DECRYPTING');
    expect(await run.shares('site-b').submit(b.envelope, b.chunks)).toMatchObject({ site: 'site-b', sharesIn: 2 });
    expect(states).toEqual(expect.arrayContaining(['COLLECTING', 'CLOSED', 'DECRYPTING', 'ATTESTING']));
    expect(states.indexOf('CLOSED')).toBeLessThan(states.indexOf('DECRYPTING'));
    expect(roundState(run)).toBe('ATTESTING');

    const complete = header(run);
    const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
    expect(complete.decryptionShares.map((leaf) => [leaf.site, leaf.digest, hex(leaf.maskedFingerprint), hex(leaf.envelopeSignature)])).toEqual(
      [a, b].map(({ envelope }) => [envelope.site, envelope.digest, hex(envelope.maskedFingerprint), hex(envelope.signature)]),
    );
    const fold = await createPolynomialSum(run.sites.params, 2);
    fold.fold(a.chunks);
    fold.fold(b.chunks);
    const parts = await fetchAll(run, 'site-c');
    expect(parts[0]).toEqual({ header: complete });
    const chunks = parts.slice(1, 1 + complete.chunkCount);
    expect(chunks.every((part) => 'chunk' in part)).toBe(true);
    const shareChunks = parts.slice(1 + complete.chunkCount).map((part) => ('shareChunk' in part ? [part.shareChunk.index, hex(part.shareChunk.data)] : part));
    expect(shareChunks).toEqual(fold.serialize().map((data, index) => [index, hex(data)]));

    await attest(run, 'site-a');
    await attest(run, 'site-c');
    expect(roundState(run)).toBe('COMMITTED');
    expect(run.ledger.commits[0]).toMatchObject({ round: 1, aggregateDigest: complete.aggregateDigest, contributionsRoot: complete.contributionsRoot, totalExamples: 15 });
    expect(run.ledger.closeCalls).toHaveLength(1);
    expect(run.coordinator().engine.status()).toMatchObject({ round: 2, roundState: 'COLLECTING', task: { keyHolders: ['site-a', 'site-b', 'site-c'] } });
    // The committed round is still served whole, shares included, from the store.
    expect((await fetchAll(run, 'site-b')).map((part) => Object.keys(part)[0])).toEqual(parts.map((part) => Object.keys(part)[0]));
  });

  it('refuses a share from a non-decryptor, a bad signature, a wrong set hash and a changed share, storing none of them; the same share again gets the same receipt', async () => {
    const run = await setUp({});
    await upload(run, ['site-a', 'site-b', 'site-c']);
    await statusWhere(run.coordinator(), (status) => status.roundState === 'DECRYPTING');
    const { store } = run.coordinator().engine;
    expect(await refusal(sendShare(run, 'site-c', { decryptors: ['site-a', 'site-c'] }))).toMatchObject({
      code: 'SHARE_NOT_EXPECTED', message: 'site site-c is not a decryptor of round 1 attempt 0 (decryptors: site-a, site-b)',
    });
    expect(await refusal(sendShare(run, 'site-a', { signer: kit(run, 'site-b') }))).toMatchObject({
      code: 'SHARE_INVALID', message: "the decryption share's ed25519 signature does not verify with site-a's signing key",
    });
    expect(await refusal(sendShare(run, 'site-a', { setHash: `0x${'ab'.repeat(32)}` }))).toMatchObject({ code: 'DECRYPTION_SET_CHANGED' });
    expect(store.shares(1, 0)).toEqual([]);
    expect(() => store.shareChunks(1, 0, 'site-c', 1)).toThrow(expect.objectContaining({ code: 'STORE_FAILED' }));

    const first = await sendShare(run, 'site-a');
    expect(await sendShare(run, 'site-a')).toEqual(first);
    expect(await refusal(sendShare(run, 'site-a', { maskSeed: 8 }))).toMatchObject({
      code: 'SHARE_CONFLICT', message: 'site site-a already sent another decryption share for round 1 attempt 0; a decryptor\'s share is taken once',
    });
    expect(store.shares(1, 0).map(({ envelope }) => envelope.digest)).toEqual([first.digest]);
    expect(roundState(run)).toBe('DECRYPTING');
  });

  it('fails the attempt at the DECRYPTING deadline naming the decryptor that sent no share', async () => {
    const run = await setUp({ roundDeadlineSeconds: 2 });
    await upload(run, ['site-a', 'site-b', 'site-c']);
    await statusWhere(run.coordinator(), (status) => status.roundState === 'DECRYPTING');
    await sendShare(run, 'site-a');
    const stopped = await statusWhere(run.coordinator(), (status) => status.runState === 'STOPPED');
    expect(stopped.failure).toBe('round 1 failed: no decryption share before the deadline from site-b');
    expect(run.coordinator().engine.store.getRound(1, 0)).toMatchObject({ state: 'FAILED', failure: 'no decryption share before the deadline from site-b' });
  });

  it('resumes after a restart in CLOSED (the repeated close on chain counts as done) and in DECRYPTING (stored shares count)', async () => {
    const run = await setUp({});
    await upload(run, ['site-a', 'site-b', 'site-c']);
    await statusWhere(run.coordinator(), (status) => status.roundState === 'DECRYPTING');
    const closed = header(run);
    // As if the coordinator died after recording CLOSED, with the close on chain sent but not yet answered.
    const { store } = run.coordinator().engine;
    await store.putRound({ ...store.getRound(1, 0)!, state: 'CLOSED' });
    await run.restart();
    expect(run.coordinator().engine.status().roundState).toBe('DECRYPTING');
    expect(run.ledger.closeCalls.map((call) => call.setHash)).toEqual([closed.setHash, closed.setHash]);
    expect(header(run)).toEqual(closed);

    const first = await sendShare(run, 'site-a');
    await run.restart();
    expect(run.coordinator().engine.status().roundState).toBe('DECRYPTING');
    expect(await sendShare(run, 'site-a')).toEqual(first);
    expect(await sendShare(run, 'site-b')).toMatchObject({ sharesIn: 2 });
    expect(roundState(run)).toBe('ATTESTING');
    expect(header(run).decryptionShares.map((leaf) => leaf.site)).toEqual(['site-a', 'site-b']);
    expect(run.ledger.closeCalls).toHaveLength(2);
  });

  it('opens round 1 as soon as the last site\'s key shares are stored, with every site a key holder', async () => {
    const run = await setUp({ roundDeadlineSeconds: 60 }, ['site-a', 'site-b']);
    expect(run.coordinator().engine.status().task).toBeUndefined();
    const params = runCodecParameters(run.world.plan) as CkksParameters;
    const payload = () => new Uint8Array(8 * params.polyModulusDegree + 32);
    await submitKeyShares(run.client('site-c'), kit(run, 'site-c'), { runId: '1', codecId: params.codecId, threshold: params.threshold! }, payload);
    const opened = await statusWhere(run.coordinator(), (status) => status.task !== undefined);
    expect(opened.task!.keyHolders).toEqual(['site-a', 'site-b', 'site-c']);
  });

  it('waits one round deadline for every site\'s key shares, opens round 1 with the holders it has, and refuses an upload from another site with KEY_SHARES_MISSING', async () => {
    const run = await setUp({ roundDeadlineSeconds: 2 }, ['site-a', 'site-b']);
    expect(run.coordinator().engine.status().task).toBeUndefined();
    await statusWhere(run.coordinator(), (status) => status.task !== undefined);
    expect(task(run).keyHolders).toEqual(['site-a', 'site-b']);
    const { envelope, chunks } = run.sites.upload(kit(run, 'site-c'), task(run));
    expect(await refusal(run.client('site-c').submitUpdate(envelope, chunks))).toMatchObject({
      code: 'KEY_SHARES_MISSING',
      message: 'site site-c had not submitted its key shares when round 1 attempt 0 opened, so it may not upload to it; submit them with SubmitKeyShares and upload in a later attempt',
    });
    expect(run.coordinator().engine.status().updatesIn).toEqual([]);
  });

  it('fails the attempt when fewer than t contributors and connected key holders can decrypt', async () => {
    const run = await setUp({ decryptionThreshold: 3, roundDeadlineSeconds: 2 });
    await upload(run, ['site-a', 'site-b']);
    const stopped = await statusWhere(run.coordinator(), (status) => status.runState === 'STOPPED');
    expect(stopped.failure).toBe('round 1 failed: fewer than 3 decryptors: only site-a, site-b (contributors and connected key holders) can decrypt');
    expect(run.ledger.closeCalls).toEqual([]);
  });

  it('takes a key holder that reached the coordinator during the attempt as a decryptor after the contributors', async () => {
    const run = await setUp({ decryptionThreshold: 3, roundDeadlineSeconds: 2 });
    await upload(run, ['site-a', 'site-b']);
    await run.client('site-c').getRunStatus();
    await statusWhere(run.coordinator(), (status) => status.roundState === 'DECRYPTING');
    expect(header(run)).toMatchObject({ decryptors: ['site-a', 'site-b', 'site-c'], contributions: [{ site: 'site-a' }, { site: 'site-b' }] });
  });
});
