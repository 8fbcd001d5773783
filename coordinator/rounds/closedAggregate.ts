// A closed round's aggregate as FetchAggregate serves it: the current attempt's, or a committed earlier round's.
import { MedflError } from '../../common/MedflError.ts';
import type { AggregateHeader } from '../../common/wire/protocolTypes.ts';
import type { RoundStore } from '../store/RoundStore.ts';
import type { RoundAttempt } from './RoundAttempt.ts';

export interface ClosedAggregate {
  readonly header: AggregateHeader;
  /** Chunks of the aggregate to stream after the header: none while the decryptors' shares are still due. */
  readonly chunkCount: number;
  /** Chunks of the folded decryption shares to stream after the aggregate's (threshold CKKS, once complete). */
  readonly shareChunkCount: number;
  /** Reads one chunk from the store as it is sent, so a fetch holds one chunk at a time. */
  chunk(index: number): Uint8Array;
  shareChunk(index: number): Uint8Array;
}

type AggregateStore = Pick<RoundStore, 'committedRound' | 'aggregateChunk' | 'shareSumChunk'>;

export function closedAggregate(store: AggregateStore, current: RoundAttempt | undefined, round: number): ClosedAggregate {
  const record = current?.task.round === round && current.aggregate ? current.record() : store.committedRound(round);
  const header = record?.aggregate;
  if (!record || !header) throw new MedflError('ROUND_MISMATCH', `round ${round} has no closed aggregate to fetch`);
  // Under threshold CKKS the sets are announced before the shares exist; the chunks follow once the shares are folded.
  const threshold = header.setHash !== '';
  const complete = !threshold || header.decryptionShares.length > 0;
  return {
    header,
    chunkCount: complete ? header.chunkCount : 0,
    shareChunkCount: threshold && complete ? header.chunkCount : 0,
    chunk: (index) => store.aggregateChunk(record.round, record.attempt, index),
    shareChunk: (index) => store.shareSumChunk(record.round, record.attempt, index),
  };
}
