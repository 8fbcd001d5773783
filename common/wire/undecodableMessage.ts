// A request whose bytes are not a protobuf message of its method's type. grpc-js answers a deserializer that throws
// with a bare INTERNAL ("Error deserializing request") that names nothing, before any handler runs; so the
// coordinator's deserializers return this instead, and the message is refused like any other malformed one: with a
// medfl code and the reason.
import type { ErrorCode } from '../errorCodes.ts';
import { MedflError } from '../MedflError.ts';

export class UndecodableMessage {
  constructor(
    /** The method whose request the bytes were meant to be, e.g. SubmitUpdate. */
    readonly method: string,
    readonly length: number,
    readonly reason: string,
  ) {}
}

/** `deserialize` that never throws: bytes it cannot decode come back as an UndecodableMessage. */
export function markUndecodable<T>(method: string, deserialize: (bytes: Buffer) => T): (bytes: Buffer) => T | UndecodableMessage {
  return (bytes) => {
    try {
      return deserialize(bytes);
    } catch (cause) {
      return new UndecodableMessage(method, bytes.length, cause instanceof Error ? cause.message : String(cause));
    }
  };
}

/** Throws `code` when `value` is an UndecodableMessage; wire decoders call it before looking inside a message. */
export function refuseUndecodable(value: unknown, code: ErrorCode = 'WIRE_INVALID'): void {
  if (!(value instanceof UndecodableMessage)) return;
  throw new MedflError(code, `the ${value.length} bytes sent are not a protobuf ${value.method} request (${value.reason})`);
}
