// A client stream read with an inactivity limit: an upload that stops sending holds its staged chunks, a slot of the
// site's calls and the intake's memory; after `idleMs` without a message it fails instead, and the caller cleans up.
import type { MedflError } from '../../common/MedflError.ts';

/** The next message, or `onIdle()`'s error if none comes within `idleMs`; the clock runs only while we wait. */
async function nextWithin<T>(iterator: AsyncIterator<T>, idleMs: number, onIdle: () => MedflError): Promise<IteratorResult<T>> {
  let timer: NodeJS.Timeout | undefined;
  const idle = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(onIdle()), idleMs);
  });
  try {
    return await Promise.race([iterator.next(), idle]);
  } finally {
    clearTimeout(timer);
  }
}

/** Yields `source`'s messages; leaving early (an error, an idle timeout) ends the source too. */
export async function* withIdleTimeout<T>(source: AsyncIterable<T>, idleMs: number, onIdle: () => MedflError): AsyncGenerator<T> {
  const iterator = source[Symbol.asyncIterator]();
  try {
    for (let next = await nextWithin(iterator, idleMs, onIdle); !next.done; next = await nextWithin(iterator, idleMs, onIdle)) {
      yield next.value;
    }
  } finally {
    // Not awaited: a stream still waiting for the peer's next message may never settle its return().
    iterator.return?.().catch(() => undefined);
  }
}
