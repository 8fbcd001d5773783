// A site's mTLS gRPC connection to the coordinator: typed calls over the wire codec, errors back as MedflErrors.
import { credentials, status, type CallOptions, type ChannelCredentials, type ChannelOptions, type Client, type ClientReadableStream, type ClientWritableStream, type ServiceError } from '@grpc/grpc-js';
import { once } from 'node:events';
import { MedflError } from '../../common/MedflError.ts';
import { CLIENT_CHANNEL_OPTIONS, CLIENT_RECEIVE_WINDOW, coordinatorProtos } from '../../common/wire/loadProtos.ts';
import type { RoundManifest } from '../../common/wire/contributionsManifest.ts';
import type {
  AttestationReceipt, DecryptionShareEnvelope, DecryptionShareReceipt, FetchKeySharesRequest, KeyShareEntry, KeySharesReceipt, RunStatus, SiteAttestation, UpdateEnvelope, UpdateReceipt,
  UploadOffsetRequest,
} from '../../common/wire/protocolTypes.ts';
import {
  type AggregatePart,
  fromWireAggregatePart, fromWireAttestationReceipt, fromWireContributionsManifest, fromWireDecryptionShareReceipt, fromWireKeyShareEntry, fromWireKeySharesReceipt, fromWirePlanDocument,
  fromWireReceipt, fromWireStatus, fromWireUploadOffset, toWireAttestation, toWireDecryptionSharePart, toWireFetchKeySharesRequest, toWireKeyShareEntry, toWireUpdatePart,
  toWireUploadOffsetRequest,
} from '../../common/wire/wireCodec.ts';
import { fromServiceError, isServiceError } from '../../common/wire/serviceError.ts';

type Callback = (error: ServiceError | null, reply: unknown) => void;
interface RawClient extends Client {
  watchRun(request: object): ClientReadableStream<unknown>;
  getRunStatus(request: object, options: CallOptions, callback: Callback): void;
  getPlan(request: object, options: CallOptions, callback: Callback): void;
  submitUpdate(callback: Callback): ClientWritableStream<unknown>;
  uploadOffset(request: object, options: CallOptions, callback: Callback): void;
  submitDecryptionShare(callback: Callback): ClientWritableStream<unknown>;
  fetchAggregate(request: object, options: CallOptions): ClientReadableStream<unknown>;
  submitAttestation(request: object, options: CallOptions, callback: Callback): void;
  getContributions(request: object, options: CallOptions, callback: Callback): void;
  submitKeyShares(options: CallOptions, callback: Callback): ClientWritableStream<unknown>;
  fetchKeyShares(request: object, options: CallOptions): ClientReadableStream<unknown>;
}

export interface ClientTls {
  readonly caPem: string;
  readonly certPem: string;
  readonly keyPem: string;
}

/** The coordinator as consortium.json lists it: every party's certificate names 127.0.0.1, so we pin this one. */
export interface ExpectedCoordinator {
  readonly id: string;
  readonly certFingerprint256: string;
}

/**
 * How long a site waits for each call before it counts the coordinator as gone (TRANSPORT_UNAVAILABLE, so the node
 * reconnects): without one a call to a stuck coordinator, or over a silently dropped connection, never ends.
 */
export interface CallDeadlines {
  /** GetRunStatus and GetPlan are answered from memory: 30 s is only ever reached by a coordinator that is gone. */
  readonly unaryMs: number;
  /** The reply to the attestation that completes the quorum waits for commitRound's confirmations on chain. */
  readonly attestationMs: number;
  /** The whole aggregate, which the site decrypts as it streams: minutes for the largest plan on a slow site. */
  readonly aggregateMs: number;
  /** A whole key-share submission or fetch: one entry per site, each at most 2 MiB sealed. */
  readonly keySharesMs: number;
}

export const CALL_DEADLINES: CallDeadlines = { unaryMs: 30_000, attestationMs: 10 * 60_000, aggregateMs: 30 * 60_000, keySharesMs: 5 * 60_000 };

/** grpc-js throws at once on a client already closed (the node is stopping): the connection is gone, not a bug. */
function startCall<T>(start: () => T): T {
  try {
    return start();
  } catch (cause) {
    throw new MedflError('TRANSPORT_UNAVAILABLE', `cannot call the coordinator: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

/** The call's failure as a MedflError; an expired deadline is the coordinator gone, which is worth reconnecting for. */
function callError(error: ServiceError, what: string, deadlineMs: number): MedflError {
  if (error.code !== status.DEADLINE_EXCEEDED) return fromServiceError(error);
  return new MedflError('TRANSPORT_UNAVAILABLE', `the coordinator did not complete ${what} within ${deadlineMs / 1000} s`, { cause: error });
}

const deadline = (ms: number): CallOptions => ({ deadline: Date.now() + ms });

/** SubmitKeyShares' messages, as the entries come. */
async function* keyShareMessages(entries: Iterable<KeyShareEntry> | AsyncIterable<KeyShareEntry>): AsyncGenerator<object> {
  for await (const entry of entries) yield toWireKeyShareEntry(entry);
}

/** SubmitDecryptionShare's messages: the signed envelope, then each share chunk with its index. */
function* decryptionShareMessages(envelope: DecryptionShareEnvelope, chunks: readonly Uint8Array[]): Generator<object> {
  yield toWireDecryptionSharePart({ envelope });
  for (const [index, data] of chunks.entries()) yield toWireDecryptionSharePart({ chunk: { index, data } });
}

/** SubmitUpdate's messages: the envelope, then each chunk with its index, the first being chunk `resumeFrom`. */
async function* updateMessages(envelope: UpdateEnvelope, chunks: Iterable<Uint8Array> | AsyncIterable<Uint8Array>, resumeFrom: number): AsyncGenerator<object> {
  yield toWireUpdatePart({ envelope, resumeFrom });
  let index = resumeFrom;
  for await (const data of chunks) {
    yield toWireUpdatePart({ chunk: { index, data } });
    index += 1;
  }
}

/** A site's mTLS channel to the coordinator and its options: what every client of the Coordinator service connects with. */
export function coordinatorChannel(tls: ClientTls, coordinator: ExpectedCoordinator): { channel: ChannelCredentials; options: ChannelOptions } {
  const channel = credentials.createSsl(Buffer.from(tls.caPem), Buffer.from(tls.keyPem), Buffer.from(tls.certPem), {
    // Same CA signs the sites too: only the certificate consortium.json names as the coordinator's is accepted.
    checkServerIdentity: (_host, certificate) =>
      certificate.fingerprint256 === coordinator.certFingerprint256
        ? undefined
        : new Error(`the server's certificate ${certificate.fingerprint256} is not the coordinator's`),
  });
  const options = { ...CLIENT_CHANNEL_OPTIONS, ...CLIENT_RECEIVE_WINDOW, 'grpc.ssl_target_name_override': coordinator.id, 'grpc.default_authority': coordinator.id };
  return { channel, options };
}

export class CoordinatorClient {
  private constructor(
    private readonly raw: RawClient,
    private readonly deadlines: CallDeadlines,
  ) {}

  static connect(address: string, tls: ClientTls, coordinator: ExpectedCoordinator, deadlines: Partial<CallDeadlines> = {}): CoordinatorClient {
    const { Client } = coordinatorProtos();
    const { channel, options } = coordinatorChannel(tls, coordinator);
    return new CoordinatorClient(new Client(address, channel, options) as unknown as RawClient, { ...CALL_DEADLINES, ...deadlines });
  }

  private unary<T>(call: (callback: Callback) => void, decode: (value: unknown) => T, what = '', deadlineMs = 0): Promise<T> {
    return new Promise((resolve, reject) => {
      startCall(() => call((error, reply) => {
        if (error) reject(callError(error, what, deadlineMs));
        else {
          try {
            resolve(decode(reply));
          } catch (thrown) {
            reject(thrown);
          }
        }
      }));
    });
  }

  getRunStatus(): Promise<RunStatus> {
    const ms = this.deadlines.unaryMs;
    return this.unary((callback) => this.raw.getRunStatus({}, deadline(ms), callback), fromWireStatus, 'GetRunStatus', ms);
  }

  getPlan(): Promise<{ planHash: string; planJson: string }> {
    const ms = this.deadlines.unaryMs;
    return this.unary((callback) => this.raw.getPlan({}, deadline(ms), callback), fromWirePlanDocument, 'GetPlan', ms);
  }

  /** Status now and on every change, until the run ends or `cancel()`; transport errors end the iteration with a MedflError. */
  watchRun(site: string): { statuses: AsyncIterable<RunStatus>; cancel(): void } {
    const stream = startCall(() => this.raw.watchRun({ site }));
    async function* statuses(): AsyncGenerator<RunStatus> {
      try {
        for await (const message of stream) yield fromWireStatus(message);
      } catch (thrown) {
        if (isServiceError(thrown) && thrown.code === status.CANCELLED) return; // we asked for it
        throw isServiceError(thrown) ? fromServiceError(thrown) : thrown;
      }
    }
    return { statuses: statuses(), cancel: () => stream.cancel() };
  }

  /**
   * Streams the signed envelope, then every chunk in order, respecting flow control. With `resumeFrom` k > 0, `chunks`
   * are the update's chunks k..n-1: the rest of an upload that broke off after the coordinator took 0..k-1.
   */
  submitUpdate(envelope: UpdateEnvelope, chunks: Iterable<Uint8Array> | AsyncIterable<Uint8Array>, resumeFrom = 0): Promise<UpdateReceipt> {
    return this.clientStream((callback) => this.raw.submitUpdate(callback), updateMessages(envelope, chunks, resumeFrom), fromWireReceipt);
  }

  /** How many chunks of this update (by attempt and signed digest) the coordinator holds from a broken-off upload. */
  uploadOffset(request: UploadOffsetRequest): Promise<number> {
    const ms = this.deadlines.unaryMs;
    return this.unary((callback) => this.raw.uploadOffset(toWireUploadOffsetRequest(request), deadline(ms), callback), fromWireUploadOffset, 'UploadOffset', ms);
  }

  /** Streams this site's signed decryption share, envelope then chunks, respecting flow control (like submitUpdate). */
  submitDecryptionShare(envelope: DecryptionShareEnvelope, chunks: readonly Uint8Array[]): Promise<DecryptionShareReceipt> {
    return this.clientStream((callback) => this.raw.submitDecryptionShare(callback), decryptionShareMessages(envelope, chunks), fromWireDecryptionShareReceipt);
  }

  /** Streams this site's key-share entries, one per other site; the coordinator stores them all or none. */
  submitKeyShares(entries: Iterable<KeyShareEntry> | AsyncIterable<KeyShareEntry>): Promise<KeySharesReceipt> {
    const ms = this.deadlines.keySharesMs;
    const open = (callback: Callback) => this.raw.submitKeyShares(deadline(ms), callback);
    return this.clientStream(open, keyShareMessages(entries), fromWireKeySharesReceipt, 'SubmitKeyShares', ms);
  }

  /** The key-share entries addressed to this site, from every site that has submitted so far (checked by the caller). */
  async *fetchKeyShares(request: FetchKeySharesRequest): AsyncGenerator<KeyShareEntry> {
    const ms = this.deadlines.keySharesMs;
    const stream = startCall(() => this.raw.fetchKeyShares(toWireFetchKeySharesRequest(request), deadline(ms)));
    try {
      for await (const message of stream) yield fromWireKeyShareEntry(message);
    } catch (thrown) {
      throw isServiceError(thrown) ? callError(thrown, 'FetchKeyShares', ms) : thrown;
    } finally {
      stream.cancel(); // a no-op once the call has ended
    }
  }

  /** A client-streaming call: `messages` in order, respecting flow control; a failure producing them cancels the call. */
  private async clientStream<T>(
    open: (callback: Callback) => ClientWritableStream<unknown>,
    messages: Iterable<object> | AsyncIterable<object>,
    decode: (value: unknown) => T,
    what = '',
    deadlineMs = 0,
  ): Promise<T> {
    let stream: ClientWritableStream<unknown> | undefined;
    const reply = this.unary((callback) => {
      stream = open(callback);
    }, decode, what, deadlineMs);
    // No stream means the call could not even start (the client was closed): the reply holds that failure.
    if (!stream) return reply;
    // The coordinator may refuse the upload while the messages are still being produced; that is seen at the end.
    reply.catch(() => undefined);
    const writer: ClientWritableStream<unknown> = stream;
    try {
      for await (const message of messages) {
        if (!writer.write(message)) await Promise.race([once(writer, 'drain'), reply.then(() => undefined, () => undefined)]);
      }
    } catch (thrown) {
      // Producing the messages failed: cancel, so the coordinator drops the partial upload instead of waiting for it.
      writer.cancel();
      await reply.catch(() => undefined);
      throw thrown;
    }
    writer.end();
    return reply;
  }

  /** The aggregate of `round` as it streams in: its header, then each chunk; leaving the loop early cancels the call. */
  async *fetchAggregate(round: number): AsyncGenerator<AggregatePart> {
    const ms = this.deadlines.aggregateMs;
    const stream = startCall(() => this.raw.fetchAggregate({ round }, deadline(ms)));
    try {
      for await (const message of stream) yield fromWireAggregatePart(message);
    } catch (thrown) {
      throw isServiceError(thrown) ? callError(thrown, `FetchAggregate of round ${round}`, ms) : thrown;
    } finally {
      stream.cancel(); // a no-op once the call has ended
    }
  }

  submitAttestation(attestation: SiteAttestation): Promise<AttestationReceipt> {
    const ms = this.deadlines.attestationMs;
    return this.unary((callback) => this.raw.submitAttestation(toWireAttestation(attestation), deadline(ms), callback), fromWireAttestationReceipt, 'SubmitAttestation', ms);
  }

  /** Committed round `round`'s contributions manifest, as the coordinator keeps it (checked by the caller: see manifestProblems). */
  getContributions(round: number): Promise<RoundManifest> {
    const ms = this.deadlines.unaryMs;
    return this.unary((callback) => this.raw.getContributions({ round }, deadline(ms), callback), fromWireContributionsManifest, 'GetContributions', ms);
  }

  close(): void {
    this.raw.close();
  }
}
