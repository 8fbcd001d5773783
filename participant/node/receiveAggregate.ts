// Step 5's download: the header is checked first (with every leaf's signature), then each chunk is decrypted and
// fingerprinted as it arrives, while the rest is still on the wire; the whole stream is checked against the header's
// digest, and to be the sum of exactly the signed updates it lists, before the mean is used. Chunks are validated by
// the codec one by one, so decrypting before the digest is known never feeds SEAL unchecked bytes. Under threshold
// CKKS the share fold follows the aggregate's chunks and is checked against the signed shares (thresholdOpening.ts).
import { MedflError } from '../../common/MedflError.ts';
import { ChunksDigest } from '../../common/wire/chunksDigest.ts';
import type { AggregateHeader } from '../../common/wire/protocolTypes.ts';
import type { SiteCodec } from '../ports.ts';
import type { ThresholdFolds, ThresholdOpening } from '../threshold/thresholdOpening.ts';
import { checkAggregateBytes } from './checkAggregate.ts';
import { checkLeafSignatures, openAggregateSumCheck, type SumCheckContext } from './checkAggregateSum.ts';
import type { CoordinatorClient } from './CoordinatorClient.ts';

/** Threshold CKKS: no codec of this site opens an aggregate alone; the opening needs the attempt's keys. */
export interface ThresholdAggregateCodec {
  readonly codecId: string;
  readonly opening: ThresholdOpening;
}

/** Where an aggregate comes from and what opens and checks it: the coordinator's stream, this site's codec, the consortium. */
export interface AggregateSource extends Omit<SumCheckContext, 'codec'> {
  readonly codec: Pick<SiteCodec, 'codecId' | 'openAggregate' | 'sumCheck'> | ThresholdAggregateCodec;
  readonly client: Pick<CoordinatorClient, 'fetchAggregate'>;
}

export interface ReceivedAggregate {
  readonly header: AggregateHeader;
  /** The example-weighted mean update Σ nᵢ·Δᵢ / Σ nᵢ. */
  readonly meanUpdate: Float32Array;
}

/** The single-key and plaintext codecs as folds: no share chunks. */
function singleKeyFolds(header: AggregateHeader, source: AggregateSource & { codec: Pick<SiteCodec, 'codecId' | 'openAggregate' | 'sumCheck'> }): ThresholdFolds {
  const sum = openAggregateSumCheck(header, { ...source, codec: source.codec });
  const reader = source.codec.openAggregate(header.totalExamples);
  return {
    addChunk(bytes) {
      reader.add(bytes);
      sum?.add(bytes);
    },
    addShareChunk() {
      throw new MedflError('WIRE_INVALID', `the coordinator sent a decryption-share chunk for round ${header.round}, whose codec has no decryption shares`);
    },
    finish() {
      sum?.finish();
      return reader.finish();
    },
  };
}

function openFolds(header: AggregateHeader, source: AggregateSource): ThresholdFolds {
  const { codec } = source;
  if (!('opening' in codec)) return singleKeyFolds(header, { ...source, codec });
  checkLeafSignatures(header, source.consortium);
  return codec.opening.open(header);
}

/** Fetches and decrypts round `round`'s aggregate; `checkHeader` throws to refuse it before any chunk is read. */
export async function receiveAggregate(source: AggregateSource, round: number, checkHeader: (header: AggregateHeader) => void): Promise<ReceivedAggregate> {
  const { codec, client } = source;
  let opened: { header: AggregateHeader; folds: ThresholdFolds } | undefined;
  const digest = new ChunksDigest();
  let chunks = 0;
  let shareChunks = 0;
  for await (const part of client.fetchAggregate(round)) {
    if ('header' in part) {
      const { header } = part;
      if (opened) throw new MedflError('WIRE_INVALID', `the coordinator sent a second aggregate header for round ${round}`);
      if (header.round !== round) throw new MedflError('ROUND_MISMATCH', `asked for the aggregate of round ${round}, got round ${header.round}'s`);
      if (header.codecId !== codec.codecId) throw new MedflError('CODEC_ID_MISMATCH', `the aggregate uses codec ${header.codecId} but this node's codec is ${codec.codecId}`);
      checkHeader(header);
      opened = { header, folds: openFolds(header, source) };
    } else if ('shareChunk' in part) {
      if (!opened) throw new MedflError('WIRE_INVALID', `the coordinator sent share chunk ${part.shareChunk.index} before the header of round ${round}`);
      if (part.shareChunk.index !== shareChunks || chunks !== opened.header.chunkCount) {
        throw new MedflError('WIRE_INVALID', `decryption-share chunk ${part.shareChunk.index} arrived where ${chunks < opened.header.chunkCount ? `aggregate chunk ${chunks}` : `share chunk ${shareChunks}`} was due`);
      }
      opened.folds.addShareChunk(part.shareChunk.data);
      shareChunks += 1;
    } else {
      if (!opened) throw new MedflError('WIRE_INVALID', `the coordinator sent aggregate chunk ${part.chunk.index} before the header of round ${round}`);
      if (part.chunk.index !== chunks) {
        throw new MedflError('AGGREGATE_DIGEST_MISMATCH', `aggregate chunk ${part.chunk.index} arrived where chunk ${chunks} was due`);
      }
      digest.add(part.chunk.data);
      opened.folds.addChunk(part.chunk.data);
      chunks += 1;
    }
  }
  if (!opened) throw new MedflError('WIRE_INVALID', `the coordinator sent no aggregate header for round ${round}`);
  checkAggregateBytes(opened.header, chunks, digest.digest());
  return { header: opened.header, meanUpdate: opened.folds.finish() };
}
