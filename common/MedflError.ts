// The single error type of medfl: a stable `code`, a message saying what was wrong and what to do, and a cause.
import { exitCodeFor, grpcStatusFor, type ErrorCode } from './errorCodes.ts';

export type ErrorDetails = Readonly<Record<string, unknown>>;

export class MedflError extends Error {
  override readonly name = 'MedflError';
  readonly code: ErrorCode;
  readonly details: ErrorDetails;

  constructor(code: ErrorCode, message: string, options: { cause?: unknown; details?: ErrorDetails } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.details = options.details ?? {};
  }

  get exitCode(): number {
    return exitCodeFor(this.code);
  }

  get grpcStatus(): number {
    return grpcStatusFor(this.code);
  }

  toJSON(): { code: ErrorCode; message: string; details: ErrorDetails } {
    return { code: this.code, message: this.message, details: this.details };
  }
}

/** Wraps anything thrown into a MedflError, keeping MedflErrors as they are. */
export function asMedflError(thrown: unknown): MedflError {
  if (thrown instanceof MedflError) return thrown;
  const message = thrown instanceof Error ? thrown.message : String(thrown);
  return new MedflError('INTERNAL', `unexpected internal error: ${message}`, { cause: thrown });
}
