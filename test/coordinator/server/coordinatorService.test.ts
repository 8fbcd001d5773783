// The fetchAggregate handler against a reader that stops reading and then cancels: it must stop sending and let
// go of the aggregate instead of waiting for a 'drain' that never comes.
import { EventEmitter } from 'node:events';
import { status, type ServerWritableStream } from '@grpc/grpc-js';
import { describe, expect, it } from 'vitest';
import type { Consortium } from '../../../common/kit/Consortium.ts';
import type { RunEngine } from '../../../coordinator/rounds/RunEngine.ts';
import { coordinatorService } from '../../../coordinator/server/coordinatorService.ts';

const site = { id: 'site-a', certFingerprint256: 'AA:BB', signingPublicKey: '', boxPublicKey: '', address: '0x0' };
const consortium = { name: 'c', sites: [site] } as unknown as Consortium;

/** A server call whose transport buffer is full after `capacity` messages. */
class StalledCall extends EventEmitter {
  cancelled = false;
  destroyed = false;
  ended = false;
  readonly written: unknown[] = [];
  constructor(private readonly capacity: number, readonly request: unknown = { round: 1 }) {
    super();
  }
  getAuthContext() {
    return { sslPeerCertificate: { fingerprint256: site.certFingerprint256, subject: { CN: site.id } } };
  }
  write(message: unknown): boolean {
    this.written.push(message);
    return this.written.length < this.capacity;
  }
  end(): void {
    this.ended = true;
  }
}

function engineWith(chunkCount: number, reads: number[]): RunEngine {
  const header = { runId: '1', round: 1, attempt: 0, chunkCount, totalExamples: 3, prevModelHash: '0x', aggregateDigest: '0x', contributionsRoot: '0x', contributions: [], decryptors: [], setHash: '', decryptionShares: [] };
  return {
    log: { warn: () => undefined },
    options: { consortium },
    aggregate: () => ({ header, chunkCount, shareChunkCount: 0, chunk: (index: number) => (reads.push(index), new Uint8Array([index])) }),
  } as unknown as RunEngine;
}

function fetchHandler(engine: RunEngine): (call: StalledCall) => void {
  const handler = coordinatorService(engine).fetchAggregate as unknown as (call: ServerWritableStream<unknown, unknown>) => void;
  return (call) => handler(call as unknown as ServerWritableStream<unknown, unknown>);
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('fetchAggregate', () => {
  it('stops reading and sending chunks once a stalled reader cancels', async () => {
    const reads: number[] = [];
    const call = new StalledCall(3);
    fetchHandler(engineWith(1000, reads))(call);
    await settle();
    expect(call.written).toHaveLength(3); // header + 2 chunks, then waiting for 'drain'
    call.cancelled = true;
    call.emit('cancelled');
    await settle();
    expect(reads).toEqual([0, 1]);
    expect(call.written).toHaveLength(3);
    expect(call.ended).toBe(false);
  });

  it('sends every chunk and ends when the reader keeps up', async () => {
    const reads: number[] = [];
    const call = new StalledCall(2);
    fetchHandler(engineWith(4, reads))(call);
    for (let i = 0; i < 6 && !call.ended; i += 1) {
      await settle();
      call.emit('drain');
    }
    expect(reads).toEqual([0, 1, 2, 3]);
    expect(call.written).toHaveLength(5);
    expect(call.ended).toBe(true);
  });

  it('refuses a request whose round is not a round number with WIRE_INVALID, without touching the aggregate', async () => {
    const reads: number[] = [];
    const call = new StalledCall(3, { runId: '1', round: 'latest' });
    const errors: unknown[] = [];
    call.on('error', (error) => errors.push(error));
    fetchHandler(engineWith(4, reads))(call);
    await settle();
    expect(errors).toEqual([expect.objectContaining({ code: status.INVALID_ARGUMENT, details: expect.stringMatching(/^WIRE_INVALID: malformed FetchAggregateRequest: round: /) })]);
    expect(reads).toEqual([]);
    expect(call.written).toEqual([]);
  });
});
