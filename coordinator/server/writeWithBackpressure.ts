// A server stream's write that respects flow control, so a slow reader bounds what the coordinator holds in memory.
import type { ServerDuplexStream, ServerWritableStream } from '@grpc/grpc-js';
import { once } from 'node:events';

type Writable = ServerWritableStream<unknown, unknown> | ServerDuplexStream<unknown, unknown>;

/**
 * Writes one message, waiting for the transport to drain so a slow reader bounds our memory. Resolves false once
 * the call is cancelled or closed: no 'drain' follows then, and the caller must stop instead of waiting forever.
 */
export async function writeWithBackpressure(call: Writable, message: object): Promise<boolean> {
  if (call.cancelled || call.destroyed) return false;
  if (call.write(message)) return true;
  const ended = new AbortController();
  try {
    const outcome = await Promise.race([
      once(call, 'drain', { signal: ended.signal }).then(() => true),
      once(call, 'cancelled', { signal: ended.signal }).then(() => false),
      once(call, 'close', { signal: ended.signal }).then(() => false),
    ]);
    return outcome;
  } finally {
    ended.abort();
  }
}
