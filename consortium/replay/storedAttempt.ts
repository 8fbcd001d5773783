// What the coordinator's store keeps of a round's committed attempt, read into memory for a replay: the closed header,
// the aggregate's chunks, every accepted update and decryption share with its chunks, and the folded shares.
import { MedflError } from '../../common/MedflError.ts';
import type { AggregateHeader, DecryptionShareEnvelope, RoundTask, UpdateEnvelope } from '../../common/wire/protocolTypes.ts';
import type { RoundStore } from '../../coordinator/store/RoundStore.ts';

export interface StoredAttempt {
  readonly task: RoundTask;
  readonly header: AggregateHeader;
  readonly aggregateChunks: readonly Uint8Array[];
  readonly updates: readonly { readonly envelope: UpdateEnvelope; readonly chunks: readonly Uint8Array[] }[];
  readonly shares: readonly { readonly envelope: DecryptionShareEnvelope; readonly chunks: readonly Uint8Array[] }[];
  readonly shareSumChunks: readonly Uint8Array[];
}

type AttemptStore = Pick<RoundStore, 'committedRound' | 'aggregateChunk' | 'updates' | 'updateChunks' | 'shares' | 'shareChunks' | 'shareSumChunk'>;

/** Chunks the store has lost read as none, so the replay names what is missing instead of stopping on it. */
function readOr<T>(read: () => T, lost: T): T {
  try {
    return read();
  } catch (thrown) {
    if (thrown instanceof MedflError && thrown.code === 'STORE_FAILED') return lost;
    throw thrown;
  }
}

const indices = (count: number): number[] => Array.from({ length: count }, (_, index) => index);

/** Round `round`'s committed attempt, or undefined when the store holds none (or one not closed with a header). */
export function storedAttempt(store: AttemptStore, round: number): StoredAttempt | undefined {
  const record = store.committedRound(round);
  const header = record?.aggregate;
  if (!record || !header) return undefined;
  const { attempt } = record;
  const chunks = (count: number, read: (index: number) => Uint8Array) => indices(count).map((index) => readOr(() => read(index), new Uint8Array(0)));
  return {
    task: record.task,
    header,
    aggregateChunks: chunks(header.chunkCount, (index) => store.aggregateChunk(round, attempt, index)),
    updates: store.updates(round, attempt).map(({ envelope }) => ({
      envelope,
      chunks: readOr(() => store.updateChunks(round, attempt, envelope.site, envelope.chunkCount), []),
    })),
    shares: store.shares(round, attempt).map(({ envelope }) => ({
      envelope,
      chunks: readOr(() => store.shareChunks(round, attempt, envelope.site, envelope.chunkCount), []),
    })),
    shareSumChunks: header.setHash === '' ? [] : chunks(header.chunkCount, (index) => store.shareSumChunk(round, attempt, index)),
  };
}
