// The gRPC handlers: each authenticates its peer, decodes through wireCodec, and hands over to the RunEngine.
import type { ServerReadableStream, ServerUnaryCall, ServerWritableStream, UntypedServiceImplementation, sendUnaryData } from '@grpc/grpc-js';
import type { Logger } from '../../common/log.ts';
import {
  fromWireAttestation, fromWireFetchAggregateRequest, toWireAggregatePart, toWireAttestationReceipt, toWirePlanDocument, toWireStatus,
} from '../../common/wire/wireCodec.ts';
import { boundedMessage, toServiceError } from '../../common/wire/serviceError.ts';
import type { RunEngine } from '../rounds/RunEngine.ts';
import { getContributions } from './getContributions.ts';
import { receiveKeyShares, sendKeyShares } from './keyShareCalls.ts';
import { receiveDecryptionShare } from './shareCalls.ts';
import { peerSite } from './peerSite.ts';
import { receiveUpdate, UPLOAD_RESUME_MS, uploadOffset } from './updateCalls.ts';
import { writeWithBackpressure } from './writeWithBackpressure.ts';

type Unary = ServerUnaryCall<unknown, unknown>;

/**
 * How long an upload may send nothing before it is dropped like a broken one (and kept for resuming). A site encrypts
 * every chunk before it starts sending, so a gap is only flow control or a dead peer; 60 s outlasts any honest stall.
 */
export const UPLOAD_IDLE_MS = 60_000;

/** How long an upload may stall, and how long one that broke off stays resumable (updateCalls.ts). */
export interface UploadLimits {
  readonly idleMs: number;
  readonly resumeMs: number;
}

async function sendAggregate(engine: RunEngine, call: ServerWritableStream<unknown, unknown>): Promise<void> {
  peerSite(call, engine.options.consortium);
  const { round } = fromWireFetchAggregateRequest(call.request);
  const aggregate = engine.aggregate(round);
  if (!(await writeWithBackpressure(call, toWireAggregatePart({ header: aggregate.header })))) return;
  for (let index = 0; index < aggregate.chunkCount; index += 1) {
    if (!(await writeWithBackpressure(call, toWireAggregatePart({ chunk: { index, data: aggregate.chunk(index) } })))) return;
  }
  for (let index = 0; index < aggregate.shareChunkCount; index += 1) {
    if (!(await writeWithBackpressure(call, toWireAggregatePart({ shareChunk: { index, data: aggregate.shareChunk(index) } })))) return;
  }
  call.end();
}

function watchRun(engine: RunEngine, call: ServerWritableStream<unknown, unknown>): void {
  const unwatch = engine.siteWatching(peerSite(call, engine.options.consortium).id);
  const unlisten = engine.watch((status) => {
    call.write(toWireStatus(status));
    if (status.runState === 'COMPLETED' || status.runState === 'STOPPED') queueMicrotask(() => { stop(); call.end(); });
  });
  // A site following the run counts as reachable: it may be chosen to decrypt (threshold CKKS).
  function stop(): void {
    unlisten();
    unwatch();
  }
  call.on('cancelled', stop);
  call.on('close', stop);
}

function unary(log: Logger, body: (call: Unary) => Promise<object> | object) {
  return (call: Unary, callback: sendUnaryData<unknown>): void => {
    Promise.resolve()
      .then(() => body(call))
      .then((reply) => callback(null, reply))
      .catch((thrown: unknown) => {
        log.warn({ err: boundedMessage(thrown instanceof Error ? thrown.message : String(thrown)) }, 'call refused');
        callback(toServiceError(thrown));
      });
  };
}

/** A client-streaming handler: `body` reads the stream and resolves with the one reply. */
function upload(log: Logger, refused: string, body: (call: ServerReadableStream<unknown, unknown>) => Promise<object>) {
  return (call: ServerReadableStream<unknown, unknown>, callback: sendUnaryData<unknown>): void => {
    body(call).then(
      (reply) => callback(null, reply),
      (thrown: unknown) => {
        log.warn({ err: boundedMessage(thrown instanceof Error ? thrown.message : String(thrown)) }, refused);
        callback(toServiceError(thrown));
      },
    );
  };
}

/**
 * Every request a handler reads from is decoded through wireCodec. GetRunStatus and GetPlan requests are empty, and
 * WatchRun's `site` is not read (the caller is who its certificate says), so those handlers take nothing to validate.
 */
export function coordinatorService(engine: RunEngine, uploads: UploadLimits = { idleMs: UPLOAD_IDLE_MS, resumeMs: UPLOAD_RESUME_MS }): UntypedServiceImplementation {
  const { log } = engine;
  return {
    watchRun: (call: ServerWritableStream<unknown, unknown>) => {
      try {
        watchRun(engine, call);
      } catch (thrown) {
        call.emit('error', toServiceError(thrown));
      }
    },
    getRunStatus: unary(log, (call) => {
      peerSite(call, engine.options.consortium);
      return toWireStatus(engine.status());
    }),
    getPlan: unary(log, (call) => {
      peerSite(call, engine.options.consortium);
      return toWirePlanDocument({ planHash: engine.options.planHash, planJson: engine.options.planJson });
    }),
    submitUpdate: upload(log, 'update refused', (call) => receiveUpdate(engine, call, uploads.idleMs, uploads.resumeMs)),
    uploadOffset: unary(log, (call) => uploadOffset(engine, call)),
    fetchAggregate: (call: ServerWritableStream<unknown, unknown>) => {
      sendAggregate(engine, call).catch((thrown: unknown) => call.emit('error', toServiceError(thrown)));
    },
    submitDecryptionShare: upload(log, 'decryption share refused', (call) => receiveDecryptionShare(engine, call, uploads.idleMs)),
    submitAttestation: unary(log, async (call) => {
      const peer = peerSite(call, engine.options.consortium);
      return toWireAttestationReceipt(await engine.acceptAttestation(fromWireAttestation(call.request), peer));
    }),
    getContributions: unary(log, (call) => {
      peerSite(call, engine.options.consortium);
      return getContributions(engine, call.request);
    }),
    submitKeyShares: upload(log, 'key shares refused', (call) => receiveKeyShares(engine, call, uploads.idleMs)),
    fetchKeyShares: (call: ServerWritableStream<unknown, unknown>) => {
      sendKeyShares(engine, call).catch((thrown: unknown) => call.emit('error', toServiceError(thrown)));
    },
  };
}
