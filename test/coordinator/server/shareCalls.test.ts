// SubmitDecryptionShare over real mutual-TLS gRPC on 127.0.0.1 with the real lmdb store and SEAL-made shares: what
// the stream must look like, what a refused or stalled one leaves behind. Only the ledger is the in-memory double.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeCiphertext } from '../../../common/he/wireCiphertext.ts';
import type { AggregateHeader } from '../../../common/wire/protocolTypes.ts';
import { toWireDecryptionSharePart } from '../../../common/wire/wireCodec.ts';
import { shareMessages } from '../helpers/shareClient.ts';
import { statusWhere } from '../helpers/statusWhere.ts';
import { thresholdRun, type ThresholdRun } from '../helpers/thresholdRun.ts';

let run: ThresholdRun;

const kit = (site: string) => run.world.kits[site]!;
const engine = () => run.coordinator().engine;
const share = (site: string) => run.sites.share(kit(site), engine().aggregate(1).header);
const refusal = (promise: Promise<unknown>) => promise.then(() => undefined, (thrown: unknown) => thrown);

beforeAll(async () => {
  run = await thresholdRun({});
});

afterAll(() => run.cleanup());

describe('SubmitDecryptionShare over mutual-TLS gRPC (in-memory ledger double)', () => {
  it('refuses a share while the attempt is still collecting updates with SHARE_NOT_EXPECTED', async () => {
    const task = engine().status().task!;
    // A share for the sets the attempt would close with, made before it closed.
    const leaves = ['site-a', 'site-b', 'site-c'].map((site) => ({ site }));
    const early = { ...task, codecId: task.codecId, contributions: leaves, decryptors: ['site-a', 'site-b'], setHash: `0x${'ef'.repeat(32)}` } as unknown as AggregateHeader;
    const { envelope, chunks } = run.sites.share(kit('site-a'), early);
    expect(await refusal(run.shares('site-a').submit(envelope, chunks))).toMatchObject({ code: 'SHARE_NOT_EXPECTED', message: 'round 1 attempt 0 is COLLECTING and takes no decryption shares' });
    for (const site of ['site-a', 'site-b', 'site-c']) {
      const upload = run.sites.upload(kit(site), task);
      await run.client(site).submitUpdate(upload.envelope, upload.chunks);
    }
    await statusWhere(run.coordinator(), (status) => status.roundState === 'DECRYPTING');
  });

  it('refuses a stream that does not start with its envelope, or carries a second one, with SHARE_INVALID', async () => {
    const { envelope, chunks } = share('site-a');
    const [first, ...rest] = shareMessages(envelope, chunks);
    expect(await refusal(run.shares('site-a').send(rest))).toMatchObject({ code: 'SHARE_INVALID', message: 'the share stream must start with its envelope' });
    expect(await refusal(run.shares('site-a').send([first!, first!]))).toMatchObject({ code: 'SHARE_INVALID', message: 'the share stream carries a second envelope' });
    expect(await refusal(run.shares('site-a').send([]))).toMatchObject({ code: 'SHARE_INVALID', message: 'the share stream carried no envelope' });
  });

  it('refuses an envelope naming another site than the TLS peer, a chunk that is no crs polynomial, a short stream and a wrong digest, and keeps nothing', async () => {
    const { envelope, chunks } = share('site-a');
    expect(await refusal(run.shares('site-b').submit(envelope, chunks))).toMatchObject({
      code: 'SHARE_INVALID', message: 'the share envelope names site site-a but the TLS client certificate is site-b',
    });
    const zero = encodeCiphertext(run.sites.params, 'full', new Uint8Array(chunks[0]!.length), new Uint8Array(chunks[0]!.length));
    expect(await refusal(run.shares('site-a').submit(envelope, [zero]))).toMatchObject({ code: 'SHARE_INVALID' });
    expect(await refusal(run.shares('site-a').submit(envelope, []))).toMatchObject({ code: 'SHARE_INVALID', message: `the share stream ended after 0 of ${chunks.length} chunks` });
    const other = share('site-b');
    expect(await refusal(run.shares('site-a').send([toWireDecryptionSharePart({ envelope }), ...shareMessages(other.envelope, other.chunks).slice(1)]))).toMatchObject({
      code: 'SHARE_INVALID', message: `the share's chunks hash to ${other.envelope.digest}, not to the signed digest ${envelope.digest}`,
    });
    expect(engine().store.shares(1, 0)).toEqual([]);
    expect(() => engine().store.shareChunks(1, 0, 'site-a', 1)).toThrow(expect.objectContaining({ code: 'STORE_FAILED' }));
    expect(engine().current().sharesInflight.size).toBe(0);
  });

  it('drops a share upload that stops sending, discards what it staged, and takes the decryptor\'s retry', async () => {
    const { envelope, chunks } = share('site-a');
    // Every chunk sent, but the stream never ends: the share is staged, never accepted.
    expect(await run.shares('site-a').stall(shareMessages(envelope, chunks))).toMatchObject({
      code: 'SHARE_INVALID', message: 'the share upload sent nothing for 0.5 s and was dropped; send the share again',
    });
    for (let i = 0; i < 100 && engine().current().sharesInflight.size > 0; i += 1) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(engine().current().sharesInflight.size).toBe(0);
    expect(() => engine().store.shareChunks(1, 0, 'site-a', chunks.length)).toThrow(expect.objectContaining({ code: 'STORE_FAILED' }));
    expect(await run.shares('site-a').submit(envelope, chunks)).toEqual({ runId: '1', round: 1, attempt: 0, site: 'site-a', digest: envelope.digest, sharesIn: 1 });
  });

  it('answers the last decryptor with its receipt once the attempt is ATTESTING, and refuses a share after that as not expected', async () => {
    const b = share('site-b');
    expect(await run.shares('site-b').submit(b.envelope, b.chunks)).toMatchObject({ site: 'site-b', sharesIn: 2 });
    expect(engine().status().roundState).toBe('ATTESTING');
    const c = run.sites.share(kit('site-c'), engine().aggregate(1).header, { decryptors: ['site-b', 'site-c'] });
    expect(await refusal(run.shares('site-c').submit(c.envelope, c.chunks))).toMatchObject({ code: 'SHARE_NOT_EXPECTED', message: 'round 1 attempt 0 is ATTESTING and takes no decryption shares' });
  });
});
