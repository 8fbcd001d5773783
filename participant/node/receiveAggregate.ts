// Step 5's download: the header is checked first (with every leaf's signature), then each chunk is decrypted and
// fingerprinted as it arrives, while the rest is still on the wire; the whole stream is checked against the header's
// digest, and to be the sum of exactly the signed updates it lists, before the mean is used. Chunks are validated by
// the codec one by one, so decrypting before the digest is known never feeds SEAL unchecked bytes.
import { MedflError } from '../../common/MedflError.ts';
import type { AggregateReader, AggregateSumCheck } from '../../common/he/UpdateCodec.ts';
import { ChunksDigest } from '../../common/wire/chunksDigest.ts';
import type { AggregateHeader } from '../../common/wire/protocolTypes.ts';
import type { SiteCodec } from '../ports.ts';
import { checkAggregateBytes } from './checkAggregate.ts';
import { openAggregateSumCheck, type SumCheckContext } from './checkAggregateSum.ts';
import type { CoordinatorClient } from './CoordinatorClient.ts';

/** Where an aggregate comes from and what opens and checks it: the coordinator's stream, this site's codec, the consortium. */
export interface AggregateSource extends SumCheckContext {
  readonly codec: Pick<SiteCodec, 'codecId' | 'openAggregate' | 'sumCheck'>;
  readonly client: Pick<CoordinatorClient, 'fetchAggregate'>;
}

export interface ReceivedAggregate {
  readonly header: AggregateHeader;
  /** The example-weighted mean update Σ nᵢ·Δᵢ / Σ nᵢ. */
  readonly meanUpdate: Float32Array;
}

/** Fetches and decrypts round `round`'s aggregate; `checkHeader` throws to refuse it before any chunk is read. */
export async function receiveAggregate(source: AggregateSource, round: number, checkHeader: (header: AggregateHeader) => void): Promise<ReceivedAggregate> {
  const { codec, client } = source;
  let opened: { header: AggregateHeader; reader: AggregateReader; sum?: AggregateSumCheck } | undefined;
  const digest = new ChunksDigest();
  let chunks = 0;
  for await (const part of client.fetchAggregate(round)) {
    if ('header' in part) {
      const { header } = part;
      if (opened) throw new MedflError('WIRE_INVALID', `the coordinator sent a second aggregate header for round ${round}`);
      if (header.round !== round) throw new MedflError('ROUND_MISMATCH', `asked for the aggregate of round ${round}, got round ${header.round}'s`);
      if (header.codecId !== codec.codecId) throw new MedflError('CODEC_ID_MISMATCH', `the aggregate uses codec ${header.codecId} but this node's codec is ${codec.codecId}`);
      checkHeader(header);
      opened = { header, sum: openAggregateSumCheck(header, source), reader: codec.openAggregate(header.totalExamples) };
    } else if ('shareChunk' in part) {
      throw new MedflError('WIRE_INVALID', `the coordinator sent a decryption-share chunk for round ${round}, whose codec has no decryption shares`);
    } else {
      if (!opened) throw new MedflError('WIRE_INVALID', `the coordinator sent aggregate chunk ${part.chunk.index} before the header of round ${round}`);
      if (part.chunk.index !== chunks) {
        throw new MedflError('AGGREGATE_DIGEST_MISMATCH', `aggregate chunk ${part.chunk.index} arrived where chunk ${chunks} was due`);
      }
      digest.add(part.chunk.data);
      opened.reader.add(part.chunk.data);
      opened.sum?.add(part.chunk.data);
      chunks += 1;
    }
  }
  if (!opened) throw new MedflError('WIRE_INVALID', `the coordinator sent no aggregate header for round ${round}`);
  checkAggregateBytes(opened.header, chunks, digest.digest());
  opened.sum?.finish();
  return { header: opened.header, meanUpdate: opened.reader.finish() };
}
