// An authenticated site's raw access to the coordinator's gRPC service for fuzzing: every method with an identity
// serializer, so the bytes sent are exactly the bytes the server's deserializer sees, and every answer reduced to its
// gRPC status, the medfl error code the coordinator put in its trailer, and how long the answer took.
import { Client, status, type Metadata, type StatusObject } from '@grpc/grpc-js';
import { CHANNEL_LIMITS, coordinatorProtos } from '../../../common/wire/loadProtos.ts';
import { ERROR_CODE_TRAILER } from '../../../common/wire/serviceError.ts';
import { coordinatorChannel, type ClientTls, type ExpectedCoordinator } from '../../../participant/node/CoordinatorClient.ts';

/** The Coordinator service's methods as protos/medfl/v1/coordinator.proto names them. */
export type CoordinatorMethod =
  | 'GetRunStatus' | 'GetPlan' | 'SubmitUpdate' | 'FetchAggregate' | 'SubmitDecryptionShare' | 'SubmitAttestation' | 'GetContributions'
  | 'SubmitKeyShares' | 'FetchKeyShares';

/** How the coordinator answered one fuzz message. */
export interface FuzzAnswer {
  /** The gRPC status name (OK, INVALID_ARGUMENT, …). */
  readonly grpcStatus: string;
  /** The MedflError code from the `medfl-code` trailer, or null when the answer carried none (OK, or a transport status). */
  readonly medflCode: string | null;
  readonly details: string;
  /** From the call's start to its status. */
  readonly ms: number;
}

/**
 * Room for a message just past the coordinator's 4 MiB receive limit: the fuzzer must be able to send what the server
 * must refuse. Answers are never near it.
 */
const FUZZ_SEND_LIMIT = CHANNEL_LIMITS['grpc.max_receive_message_length'] as number;
const identity = (bytes: Buffer): Buffer => bytes;

/**
 * A bound per message: an answer later than this is the coordinator stuck on it, which the harness reports. Answers
 * take milliseconds; a minute leaves room for a coordinator starved of CPU on a loaded machine.
 */
export const FUZZ_CALL_DEADLINE_MS = 60_000;

const statusName = (code: number): string => status[code] ?? `STATUS_${code}`;

function answerOf(result: Pick<StatusObject, 'code' | 'details'> & { metadata?: Metadata }, started: number): FuzzAnswer {
  const trailer = result.metadata?.get(ERROR_CODE_TRAILER)[0];
  return { grpcStatus: statusName(result.code), medflCode: trailer === undefined ? null : String(trailer), details: result.details, ms: performance.now() - started };
}

export class FuzzClient {
  private constructor(private readonly client: Client) {}

  static connect(address: string, tls: ClientTls, coordinator: ExpectedCoordinator): FuzzClient {
    const { channel, options } = coordinatorChannel(tls, coordinator);
    return new FuzzClient(new Client(address, channel, { ...options, 'grpc.max_send_message_length': 2 * FUZZ_SEND_LIMIT }));
  }

  /** Sends `messages` as they are (one for a unary or server-streaming method) and resolves with the answer; never rejects. */
  send(method: CoordinatorMethod, messages: readonly Buffer[]): Promise<FuzzAnswer> {
    const definition = coordinatorProtos().service[method];
    if (!definition) return Promise.resolve({ grpcStatus: 'UNIMPLEMENTED', medflCode: null, details: `no method ${method}`, ms: 0 });
    const started = performance.now();
    const options = { deadline: Date.now() + FUZZ_CALL_DEADLINE_MS };
    return new Promise((resolve) => {
      const done = (result: Pick<StatusObject, 'code' | 'details'> & { metadata?: Metadata }) => resolve(answerOf(result, started));
      if (definition.responseStream) {
        const call = this.client.makeServerStreamRequest(definition.path, identity, identity, messages[0] ?? Buffer.alloc(0), options);
        // A refused call ends in 'error' as well as 'status'; the status (with its trailers) is the answer either way.
        call.on('data', () => undefined);
        call.on('error', () => undefined);
        call.on('status', done);
        return;
      }
      const callback = (error: (Partial<StatusObject> & { code?: number }) | null) =>
        done(error ? { code: error.code ?? status.UNKNOWN, details: error.details ?? '', ...(error.metadata ? { metadata: error.metadata } : {}) } : { code: status.OK, details: '' });
      if (!definition.requestStream) {
        this.client.makeUnaryRequest(definition.path, identity, identity, messages[0] ?? Buffer.alloc(0), options, callback);
        return;
      }
      const call = this.client.makeClientStreamRequest(definition.path, identity, identity, options, callback);
      for (const message of messages) call.write(message);
      call.end();
    });
  }

  close(): void {
    this.client.close();
  }
}
