import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hash32 } from '../../../common/canonicalJson.ts';
import { createPolynomialSum } from '../../../common/he/threshold/createPolynomialSum.ts';
import { logger } from '../../../common/log.ts';
import { chunksDigest } from '../../../common/wire/chunksDigest.ts';
import type { AggregateHeader, DecryptionShareLeaf } from '../../../common/wire/protocolTypes.ts';
import type { AggregatePart } from '../../../common/wire/wireCodec.ts';
import { receiveAggregate } from '../../../participant/node/receiveAggregate.ts';
import { decryptRound } from '../../../participant/threshold/decryptRound.ts';
import { createThresholdOpening } from '../../../participant/threshold/thresholdOpening.ts';
import { SHARE_SITES, type ShareSite } from '../keyShares/helpers/shareKits.ts';
import { attempt, PARAMETERS, params, PREV_MODEL, thresholdWorld, type ThresholdWorld } from './helpers/thresholdWorld.ts';

const CONTRIBUTORS: ShareSite[] = ['site-a', 'site-b', 'site-d'];
const DECRYPTORS: ShareSite[] = ['site-b', 'site-c'];

let world: ThresholdWorld;
let header: AggregateHeader;
let aggregate: Uint8Array[];
/** Each decryptor's share chunks, as it sent them. */
const shares = new Map<string, readonly Uint8Array[]>();

beforeAll(async () => {
  world = await thresholdWorld();
  const closed = await world.attemptOf(CONTRIBUTORS, DECRYPTORS);
  aggregate = closed.aggregate;
  const leaves: DecryptionShareLeaf[] = [];
  for (const site of DECRYPTORS) {
    const { kit, outDir, codec } = world.sites[site];
    const client = {
      async *fetchAggregate() {
        yield { header: closed.header };
      },
      submitDecryptionShare: async (envelope: Parameters<Parameters<typeof decryptRound>[0]['client']['submitDecryptionShare']>[0], chunks: readonly Uint8Array[]) => {
        shares.set(site, chunks);
        leaves.push({ site, digest: envelope.digest, maskedFingerprint: envelope.maskedFingerprint, envelopeSignature: envelope.signature });
        return { ...attempt, site, digest: envelope.digest, sharesIn: leaves.length };
      },
    };
    const task = { ...attempt, planHash: PREV_MODEL, prevModelHash: PREV_MODEL, deadlineUnixMs: Date.now() + 60_000, minUpdates: 2, codecId: params.codecId, chunkCount: 1, expectedSites: [...SHARE_SITES], proximalMu: 0, keyHolders: [...SHARE_SITES] };
    await decryptRound({ kit, outDir, minUpdates: 2, closeWaitMs: 60_000, codec, keys: world.keys[site], log: logger(), ledger: { closedAttempt: async () => closed.header.setHash as Hash32 }, client }, task);
  }
  header = { ...closed.header, decryptionShares: leaves };
}, 60_000);
afterAll(() => world.cleanup());

async function fold(chunkLists: readonly (readonly Uint8Array[])[]): Promise<Uint8Array[]> {
  const sum = await createPolynomialSum(params, chunkLists.length);
  for (const chunks of chunkLists) sum.fold([...chunks]);
  return sum.serialize();
}

/** Site `site` receives `served` through receiveAggregate, opening it with its keys for the attempt. */
function receive(site: ShareSite, served: AggregateHeader, shareSum: readonly Uint8Array[]) {
  const { codec, kit } = world.sites[site];
  const opening = createThresholdOpening({ codec, consortium: kit.consortium, keyHolders: [...SHARE_SITES], keys: world.keys[site] });
  const client = {
    async *fetchAggregate(): AsyncGenerator<AggregatePart> {
      yield { header: served };
      for (const [index, data] of aggregate.entries()) yield { chunk: { index, data } };
      for (const [index, data] of shareSum.entries()) yield { shareChunk: { index, data } };
    },
  };
  return receiveAggregate({ codec: { codecId: codec.codecId, opening }, client, consortium: kit.consortium, log: logger() }, served.round, () => undefined);
}

describe('the threshold opening through receiveAggregate (coordinator double streaming real folds)', () => {
  it('opens the example-weighted mean of the contributors at every site, decryptor or not', async () => {
    const shareSum = await fold(DECRYPTORS.map((site) => shares.get(site)!));
    const total = CONTRIBUTORS.reduce((sum, site) => sum + world.examples[site], 0);
    const expected = Float64Array.from({ length: PARAMETERS }, (_, i) => CONTRIBUTORS.reduce((sum, site) => sum + world.updates[site][i]! * world.examples[site], 0) / total);
    for (const site of ['site-a', 'site-c'] as const) {
      const { meanUpdate } = await receive(site, header, shareSum);
      expect(meanUpdate.reduce((worst, value, i) => Math.max(worst, Math.abs(value - expected[i]!)), 0)).toBeLessThan(1e-3);
    }
  });

  it('refuses a share fold that is not the sum of the signed shares (AGGREGATE_FORGED), before opening it', async () => {
    const doubled = await fold([shares.get('site-b')!, shares.get('site-b')!]);
    await expect(receive('site-a', header, doubled)).rejects.toThrow(expect.objectContaining({
      code: 'AGGREGATE_FORGED',
      message: expect.stringMatching(/^the decryption-share sum is not the sum of the 2 signed decryption shares its header lists \(site-b, site-c\)/),
    }));
  });

  it('refuses a share leaf its decryptor did not sign, and shares that are not one per decryptor (SHARE_INVALID)', async () => {
    const shareSum = await fold(DECRYPTORS.map((site) => shares.get(site)!));
    const forgedLeaf = header.decryptionShares.map((leaf) => (leaf.site === 'site-c' ? { ...leaf, envelopeSignature: leaf.envelopeSignature.map((byte, i) => (i === 0 ? byte ^ 1 : byte)) } : leaf));
    await expect(receive('site-a', { ...header, decryptionShares: forgedLeaf }, shareSum)).rejects.toThrow(expect.objectContaining({ code: 'SHARE_INVALID', details: { site: 'site-c' } }));
    const missing = { ...header, decryptionShares: header.decryptionShares.slice(0, 1) };
    await expect(receive('site-a', missing, shareSum)).rejects.toThrow(expect.objectContaining({ code: 'SHARE_INVALID' }));
  });

  it('refuses a c0 fold that is not the sum of the signed updates (AGGREGATE_FORGED)', async () => {
    const shareSum = await fold(DECRYPTORS.map((site) => shares.get(site)!));
    const saved = aggregate;
    aggregate = await fold([saved, saved]);
    const served = { ...header, aggregateDigest: chunksDigest(aggregate) };
    await expect(receive('site-a', served, shareSum)).rejects.toThrow(expect.objectContaining({ code: 'AGGREGATE_FORGED', message: expect.stringMatching(/^the aggregate is not the sum of the 3 signed updates/) }));
    aggregate = saved;
  });
});
