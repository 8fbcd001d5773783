// A site's mTLS gRPC connection to the coordinator: typed calls over the wire codec, errors back as MedflErrors.
import { credentials, status, type Client, type ClientReadableStream, type ClientWritableStream, type ServiceError } from '@grpc/grpc-js';
import { once } from 'node:events';
import { CHANNEL_LIMITS, CLIENT_RECEIVE_WINDOW, coordinatorProtos } from '../../common/wire/loadProtos.ts';
import type { RoundManifest } from '../../common/wire/contributionsManifest.ts';
import type { AttestationReceipt, RunStatus, SiteAttestation, UpdateEnvelope, UpdateReceipt } from '../../common/wire/protocolTypes.ts';
import {
  type AggregatePart,
  fromWireAggregatePart, fromWireAttestationReceipt, fromWireContributionsManifest, fromWirePlanDocument, fromWireReceipt, fromWireStatus, toWireAttestation, toWireUpdatePart,
} from '../../common/wire/wireCodec.ts';
import { fromServiceError, isServiceError } from '../../common/wire/serviceError.ts';

type Callback = (error: ServiceError | null, reply: unknown) => void;
interface RawClient extends Client {
  watchRun(request: object): ClientReadableStream<unknown>;
  getRunStatus(request: object, callback: Callback): void;
  getPlan(request: object, callback: Callback): void;
  submitUpdate(callback: Callback): ClientWritableStream<unknown>;
  fetchAggregate(request: object): ClientReadableStream<unknown>;
  submitAttestation(request: object, callback: Callback): void;
  getContributions(request: object, callback: Callback): void;
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

export class CoordinatorClient {
  private constructor(private readonly raw: RawClient) {}

  static connect(address: string, tls: ClientTls, coordinator: ExpectedCoordinator): CoordinatorClient {
    const { Client } = coordinatorProtos();
    const channel = credentials.createSsl(Buffer.from(tls.caPem), Buffer.from(tls.keyPem), Buffer.from(tls.certPem), {
      // Same CA signs the sites too: only the certificate consortium.json names as the coordinator's is accepted.
      checkServerIdentity: (_host, certificate) =>
        certificate.fingerprint256 === coordinator.certFingerprint256
          ? undefined
          : new Error(`the server's certificate ${certificate.fingerprint256} is not the coordinator's`),
    });
    const options = { ...CHANNEL_LIMITS, ...CLIENT_RECEIVE_WINDOW, 'grpc.ssl_target_name_override': coordinator.id, 'grpc.default_authority': coordinator.id };
    return new CoordinatorClient(new Client(address, channel, options) as unknown as RawClient);
  }

  private unary<T>(call: (callback: Callback) => void, decode: (value: unknown) => T): Promise<T> {
    return new Promise((resolve, reject) => {
      call((error, reply) => {
        if (error) reject(fromServiceError(error));
        else {
          try {
            resolve(decode(reply));
          } catch (thrown) {
            reject(thrown);
          }
        }
      });
    });
  }

  getRunStatus(): Promise<RunStatus> {
    return this.unary((callback) => this.raw.getRunStatus({}, callback), fromWireStatus);
  }

  getPlan(): Promise<{ planHash: string; planJson: string }> {
    return this.unary((callback) => this.raw.getPlan({}, callback), fromWirePlanDocument);
  }

  /** Status now and on every change, until the run ends or `cancel()`; transport errors end the iteration with a MedflError. */
  watchRun(site: string): { statuses: AsyncIterable<RunStatus>; cancel(): void } {
    const stream = this.raw.watchRun({ site });
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

  /** Streams the signed envelope, then every chunk in order, respecting flow control. */
  async submitUpdate(envelope: UpdateEnvelope, chunks: Iterable<Uint8Array> | AsyncIterable<Uint8Array>): Promise<UpdateReceipt> {
    let stream: ClientWritableStream<unknown> | undefined;
    const reply = this.unary((callback) => {
      stream = this.raw.submitUpdate(callback);
    }, fromWireReceipt);
    const writer = stream!;
    const send = async (message: object) => {
      if (!writer.write(message)) await Promise.race([once(writer, 'drain'), reply.then(() => undefined, () => undefined)]);
    };
    try {
      await send(toWireUpdatePart({ envelope }));
      let index = 0;
      for await (const data of chunks) {
        await send(toWireUpdatePart({ chunk: { index, data } }));
        index += 1;
      }
    } catch (thrown) {
      // Producing the chunks failed: cancel, so the coordinator drops the partial upload instead of waiting for it.
      writer.cancel();
      await reply.catch(() => undefined);
      throw thrown;
    }
    writer.end();
    return reply;
  }

  /** The aggregate of `round` as it streams in: its header, then each chunk; leaving the loop early cancels the call. */
  async *fetchAggregate(round: number): AsyncGenerator<AggregatePart> {
    const stream = this.raw.fetchAggregate({ round });
    try {
      for await (const message of stream) yield fromWireAggregatePart(message);
    } catch (thrown) {
      throw isServiceError(thrown) ? fromServiceError(thrown) : thrown;
    } finally {
      stream.cancel(); // a no-op once the call has ended
    }
  }

  submitAttestation(attestation: SiteAttestation): Promise<AttestationReceipt> {
    return this.unary((callback) => this.raw.submitAttestation(toWireAttestation(attestation), callback), fromWireAttestationReceipt);
  }

  /** Committed round `round`'s contributions manifest, as the coordinator keeps it (checked by the caller: see manifestProblems). */
  getContributions(round: number): Promise<RoundManifest> {
    return this.unary((callback) => this.raw.getContributions({ round }, callback), fromWireContributionsManifest);
  }

  close(): void {
    this.raw.close();
  }
}
