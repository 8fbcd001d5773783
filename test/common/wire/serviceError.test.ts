// MedflError -> gRPC status -> MedflError: every code survives the trip with its message, over a real channel too.
import { credentials, Metadata, Server, ServerCredentials, status, type Client, type ServiceError } from '@grpc/grpc-js';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES, GRPC, type ErrorCode } from '../../../common/errorCodes.ts';
import { MedflError } from '../../../common/MedflError.ts';
import { coordinatorProtos } from '../../../common/wire/loadProtos.ts';
import { ERROR_CODE_TRAILER, REFUSAL_MESSAGE_CHARS, fromServiceError, isServiceError, toServiceError } from '../../../common/wire/serviceError.ts';

/** What the site's stub hands over for a reply the coordinator refused with `reply`. */
function asReceived(reply: ReturnType<typeof toServiceError>): ServiceError {
  return Object.assign(new Error(`${String(reply.code)} ${String(reply.details)}`), {
    code: reply.code!, details: reply.details!, metadata: reply.metadata!,
  });
}

describe('serviceError', () => {
  it('keeps the code table\'s gRPC numbers equal to @grpc/grpc-js\'s status constants', () => {
    for (const [name, number] of Object.entries(GRPC)) expect(number, `GRPC.${name}`).toBe(status[name as keyof typeof status]);
  });

  it('carries every MedflError code and message through a gRPC status and back', () => {
    for (const code of Object.keys(ERROR_CODES) as ErrorCode[]) {
      const sent = toServiceError(new MedflError(code, `what went wrong with ${code}; what to do`));
      expect(sent.code, code).toBe(ERROR_CODES[code].grpc);
      expect(sent.metadata?.get(ERROR_CODE_TRAILER), code).toEqual([code]);
      expect(fromServiceError(asReceived(sent)), code).toMatchObject({
        code, message: `what went wrong with ${code}; what to do`, details: { grpcStatus: ERROR_CODES[code].grpc },
      });
    }
  });

  it('sends anything else as INTERNAL', () => {
    const sent = toServiceError(new TypeError('x is undefined'));
    expect(sent).toMatchObject({ code: status.INTERNAL, details: 'INTERNAL: unexpected internal error: x is undefined' });
    expect(fromServiceError(asReceived(sent))).toMatchObject({ code: 'INTERNAL', message: 'unexpected internal error: x is undefined' });
  });

  it('turns the coordinator\'s medfl-code trailer back into the same MedflError code and message', () => {
    const metadata = new Metadata();
    metadata.set('medfl-code', 'ROUND_CLOSED');
    const error = Object.assign(new Error('x'), { code: 9, details: 'ROUND_CLOSED: round 3 is CLOSED and takes no more updates', metadata }) as ServiceError;
    expect(fromServiceError(error)).toMatchObject({ code: 'ROUND_CLOSED', message: 'round 3 is CLOSED and takes no more updates' });
    const bare = Object.assign(new Error('y'), { code: 14, details: 'No connection established', metadata: new Metadata() }) as ServiceError;
    expect(fromServiceError(bare)).toMatchObject({ code: 'TRANSPORT_UNAVAILABLE', message: 'coordinator call failed: No connection established' });
  });

  it('tells a gRPC status from other thrown values', () => {
    expect(isServiceError(asReceived(toServiceError(new MedflError('ROUND_CLOSED', 'closed'))))).toBe(true);
    expect(isServiceError(new MedflError('WIRE_INVALID', 'malformed'))).toBe(false);
    expect(isServiceError(undefined)).toBe(false);
  });

  /** getPlan's refusal `reply` as a client receives it over a real channel, or the client's own status if none arrives in 5 s. */
  async function refusedOverChannel(reply: ReturnType<typeof toServiceError>): Promise<ServiceError | null> {
    const { service, Client } = coordinatorProtos();
    const server = new Server();
    server.addService(service, { getPlan: (_call: unknown, callback: (error: ReturnType<typeof toServiceError>) => void) => callback(reply) });
    const port = await new Promise<number>((resolve, reject) => server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))));
    const client = new Client(`127.0.0.1:${port}`, credentials.createInsecure()) as unknown as Client & {
      getPlan(request: object, options: { deadline: number }, callback: (error: ServiceError | null) => void): void;
    };
    try {
      return await new Promise<ServiceError | null>((resolve) => client.getPlan({}, { deadline: Date.now() + 5_000 }, resolve));
    } finally {
      client.close();
      server.forceShutdown();
    }
  }

  it('keeps the code in the trailer over a real channel', async () => {
    const received = await refusedOverChannel(toServiceError(new MedflError('PLAN_MISMATCH', 'the run\'s plan changed')));
    expect(received && fromServiceError(received)).toMatchObject({ code: 'PLAN_MISMATCH', message: 'the run\'s plan changed', details: { grpcStatus: status.FAILED_PRECONDITION } });
  });

  it('bounds a refusal quoting a huge field, so its trailer still reaches the peer', async () => {
    const quoted = new MedflError('CODEC_ID_MISMATCH', `the update uses codec ${'x'.repeat(300_000)} but the run uses 0xab`);
    const received = await refusedOverChannel(toServiceError(quoted));
    const error = received && fromServiceError(received);
    expect(error?.code).toBe('CODEC_ID_MISMATCH');
    expect(error?.message).toBe(`the update uses codec ${'x'.repeat(REFUSAL_MESSAGE_CHARS - 22)}… (${quoted.message.length - REFUSAL_MESSAGE_CHARS} more characters)`);
  });

  it('control: the same refusal unbounded never reaches the peer', async () => {
    const unbounded = { ...toServiceError(new MedflError('CODEC_ID_MISMATCH', 'x')), details: `CODEC_ID_MISMATCH: ${'x'.repeat(300_000)}` };
    expect((await refusedOverChannel(unbounded))?.code).toBe(status.DEADLINE_EXCEEDED);
  });
});
