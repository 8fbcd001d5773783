// A closed round's aggregate as FetchAggregate serves it: the current attempt's, or a committed earlier round's.
import { MedflError } from '../../common/MedflError.ts';
import type { AggregateHeader } from '../../common/wire/protocolTypes.ts';
import type { RoundStore } from '../store/RoundStore.ts';
import type { RoundAttempt } from './RoundAttempt.ts';

export interface ClosedAggregate {
  readonly header: AggregateHeader;
  /** Reads one chunk from the store as it is sent, so a fetch holds one chunk at a time. */
  chunk(index: number): Uint8Array;
}

export function closedAggregate(store: Pick<RoundStore, 'committedRound' | 'aggregateChunk'>, current: RoundAttempt | undefined, round: number): ClosedAggregate {
  const record = current?.task.round === round && current.aggregate ? current.record() : store.committedRound(round);
  const header = record?.aggregate;
  if (!record || !header) throw new MedflError('ROUND_MISMATCH', `round ${round} has no closed aggregate to fetch`);
  return { header, chunk: (index) => store.aggregateChunk(record.round, record.attempt, index) };
}
