// MedflError <-> gRPC status, both directions side by side: the coordinator replies with the status the code table
// gives and the exact code in a trailer; the site turns that back into the same MedflError.
import { Metadata, status, type ServiceError, type StatusObject } from '@grpc/grpc-js';
import { isErrorCode, type ErrorCode } from '../errorCodes.ts';
import { asMedflError, MedflError } from '../MedflError.ts';

/** Trailing metadata that carries the MedflError code: the gRPC status alone is too coarse (many codes share one). */
export const ERROR_CODE_TRAILER = 'medfl-code';

/** What a handler passes to grpc-js for a refused call (unary callback or a stream's 'error'). */
export type ServiceErrorReply = Partial<StatusObject> & Pick<ServiceError, 'name' | 'message'>;

// `details` is what plain gRPC tools (grpcurl) show, so it leads with the code too; the site strips it off again.
const detailsOf = (code: ErrorCode, message: string): string => `${code}: ${message}`;

/**
 * Longest message a refusal carries. Messages quote what the peer sent (a codec id, a run id), and the status travels
 * in an HTTP/2 trailer: a 250 KB quote made the trailer too large to send, so the peer never got an answer at all.
 */
export const REFUSAL_MESSAGE_CHARS = 1_000;

/** `message` cut to REFUSAL_MESSAGE_CHARS, saying how much was left out. */
export function boundedMessage(message: string): string {
  if (message.length <= REFUSAL_MESSAGE_CHARS) return message;
  return `${message.slice(0, REFUSAL_MESSAGE_CHARS)}… (${message.length - REFUSAL_MESSAGE_CHARS} more characters)`;
}

/** Any thrown value as a gRPC status (the code table's, via MedflError.grpcStatus); what is not a MedflError goes out as INTERNAL. */
export function toServiceError(thrown: unknown): ServiceErrorReply {
  const error = asMedflError(thrown);
  const metadata = new Metadata();
  metadata.set(ERROR_CODE_TRAILER, error.code);
  const message = boundedMessage(error.message);
  return { name: error.code, code: error.grpcStatus, details: detailsOf(error.code, message), message, metadata };
}

/** Whether a value thrown by a call is a gRPC status (streams throw those as well as anything else). */
export function isServiceError(thrown: unknown): thrown is ServiceError {
  if (typeof thrown !== 'object' || thrown === null) return false;
  const { code, details } = thrown as { code?: unknown; details?: unknown };
  return typeof code === 'number' && typeof details === 'string';
}

/** The coordinator's MedflError again; without a trailer (transport failure, another server) UNAVAILABLE is TRANSPORT_UNAVAILABLE. */
export function fromServiceError(error: ServiceError): MedflError {
  const code = String(error.metadata?.get(ERROR_CODE_TRAILER)[0] ?? '');
  const details = { grpcStatus: error.code };
  if (isErrorCode(code)) {
    const prefix = detailsOf(code, '');
    const message = error.details.startsWith(prefix) ? error.details.slice(prefix.length) : error.details;
    return new MedflError(code, message, { cause: error, details });
  }
  const transport = error.code === status.UNAVAILABLE ? 'TRANSPORT_UNAVAILABLE' : 'INTERNAL';
  return new MedflError(transport, `coordinator call failed: ${error.details || error.message}`, { cause: error, details });
}
