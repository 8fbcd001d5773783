import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { choosePlaintextParameters, createPlaintextCodec, createPlaintextSum } from '../../../common/he/createPlaintextCodec.ts';
import { decodeCiphertext, encodeCiphertext } from '../../../common/he/wireCiphertext.ts';
import { logger } from '../../../common/log.ts';
import { chunksDigest } from '../../../common/wire/chunksDigest.ts';
import type { AggregateHeader } from '../../../common/wire/protocolTypes.ts';
import type { AggregatePart } from '../../../common/wire/wireCodec.ts';
import { receiveAggregate, type AggregateSource } from '../../../participant/node/receiveAggregate.ts';
import { params as ckksParams } from '../../common/he/helpers/sumCheckFixture.ts';
import { consortium, headerFor, signedLeaves, sumCheckFixture, type SumCheckFixture } from './helpers/signedAggregate.ts';

const params = choosePlaintextParameters({ parameterCount: 10, maxExamples: 100, chunkSize: 4 });
const codec = createPlaintextCodec(params);
const sum = createPlaintextSum(params);
sum.foldUpdate([...codec.encryptUpdate(Float32Array.from({ length: 10 }, (_, i) => i), 2)]);
const data = sum.serialize();
const header: AggregateHeader = {
  runId: 'r', round: 3, attempt: 0, codecId: params.codecId, aggregateDigest: chunksDigest(data), contributions: [],
  totalExamples: 2, contributionsRoot: `0x${'0'.repeat(64)}`, chunkCount: data.length, prevModelHash: `0x${'0'.repeat(64)}`, decryptors: [], setHash: '', decryptionShares: [],
};
const chunkParts = (chunks: Uint8Array[]): AggregatePart[] => chunks.map((bytes, index) => ({ chunk: { index, data: bytes } }));

/** A source whose coordinator client streams `parts`; records how far the stream was read. */
function nodeStreaming(parts: AggregatePart[], siteCodec: AggregateSource['codec'] = codec): { node: AggregateSource; read: () => number } {
  let read = 0;
  const client = {
    async *fetchAggregate() {
      for (const part of parts) {
        read += 1;
        yield part;
      }
    },
  };
  return { node: { codec: siteCodec, client, consortium, log: logger() }, read: () => read };
}

describe('receiveAggregate (in-process coordinator double streaming real plaintext-codec chunks)', () => {
  it('decrypts the streamed chunks to the mean once the digest matches', async () => {
    const { node } = nodeStreaming([{ header }, ...chunkParts(data)]);
    const received = await receiveAggregate(node, 3, () => {});
    expect(received.header).toBe(header);
    expect([...received.meanUpdate]).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('refuses a header before reading any chunk: the caller\'s check, another round, another codec', async () => {
    const refusing = nodeStreaming([{ header }, ...chunkParts(data)]);
    await expect(receiveAggregate(refusing.node, 3, () => { throw new Error('not ours'); })).rejects.toThrow('not ours');
    expect(refusing.read()).toBe(1);
    await expect(receiveAggregate(nodeStreaming([{ header }]).node, 4, () => {})).rejects.toMatchObject({ code: 'ROUND_MISMATCH' });
    const otherCodec = { ...header, codecId: '0x1234' };
    await expect(receiveAggregate(nodeStreaming([{ header: otherCodec }]).node, 3, () => {})).rejects.toMatchObject({ code: 'CODEC_ID_MISMATCH' });
  });

  it('refuses chunks out of order, altered or missing, a chunk before the header and a stream without one', async () => {
    const swapped = chunkParts(data).map((part, i) => ('chunk' in part && i === 0 ? { chunk: { ...part.chunk, index: 1 } } : part));
    await expect(receiveAggregate(nodeStreaming([{ header }, ...swapped]).node, 3, () => {})).rejects.toThrow('aggregate chunk 1 arrived where chunk 0 was due');
    const altered = data.map((bytes, i) => (i === 1 ? new Uint8Array(new Float64Array(4).fill(1).buffer) : bytes));
    await expect(receiveAggregate(nodeStreaming([{ header }, ...chunkParts(altered)]).node, 3, () => {})).rejects.toThrow(/^the aggregate hashes to/);
    await expect(receiveAggregate(nodeStreaming([{ header }, ...chunkParts(data.slice(0, 2))]).node, 3, () => {})).rejects.toMatchObject({ code: 'AGGREGATE_DIGEST_MISMATCH' });
    await expect(receiveAggregate(nodeStreaming(chunkParts(data)).node, 3, () => {})).rejects.toThrow('the coordinator sent aggregate chunk 0 before the header of round 3');
    await expect(receiveAggregate(nodeStreaming([]).node, 3, () => {})).rejects.toThrow('the coordinator sent no aggregate header for round 3');
  });
});

describe('receiveAggregate checks the sum while it decrypts (in-process coordinator double streaming real CKKS chunks)', () => {
  let fixture: SumCheckFixture;
  beforeAll(async () => {
    fixture = await sumCheckFixture();
  });
  afterAll(() => fixture.codec.dispose());

  const receive = (chunks: Uint8Array[], leaves = signedLeaves(fixture)) => {
    const head = headerFor(chunks, leaves);
    return receiveAggregate(nodeStreaming([{ header: head }, ...chunkParts(chunks)], fixture.codec).node, head.round, () => {});
  };

  it('takes the honest fold of the listed updates and decrypts its mean', async () => {
    const received = await receive(await fixture.fold([0, 1, 2]));
    expect(received.meanUpdate.length).toBe(ckksParams.parameterCount);
  });

  it('refuses (AGGREGATE_FORGED) a trivial ciphertext, a dropped or doubled update, whose digest the coordinator computed itself', async () => {
    const honest = await fixture.fold([0, 1, 2]);
    // c1 = 0: it decrypts to c0 itself, so the coordinator would choose the model; any c0 will do here.
    const trivial = honest.map((bytes) => {
      const { c0 } = decodeCiphertext(ckksParams, { lo: 0xffffffff, hi: 0xffffffff }, 'test', bytes, 'full');
      return encodeCiphertext(ckksParams, 'full', new Uint8Array(c0.buffer), new Uint8Array(8 * ckksParams.polyModulusDegree));
    });
    for (const forged of [trivial, await fixture.fold([0, 2]), await fixture.fold([0, 1, 2, 2])]) {
      await expect(receive(forged)).rejects.toMatchObject({ code: 'AGGREGATE_FORGED', message: expect.stringMatching(/^the aggregate is not the sum of the 3 signed updates/) });
    }
  });

  it('refuses a leaf its site did not sign before reading any chunk (CONTRIBUTION_SIGNATURE_INVALID)', async () => {
    const honest = await fixture.fold([0, 1, 2]);
    const leaves = signedLeaves(fixture).map((leaf, i) => (i === 2 ? { ...leaf, examples: leaf.examples * 2 } : leaf));
    await expect(receive(honest, leaves)).rejects.toMatchObject({ code: 'CONTRIBUTION_SIGNATURE_INVALID', details: { site: 'site-c' } });
  });
});
