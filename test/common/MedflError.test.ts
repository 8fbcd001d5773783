import { describe, expect, it } from 'vitest';
import { asMedflError, MedflError } from '../../common/MedflError.ts';

describe('MedflError', () => {
  it('carries a stable code, its exit code, gRPC status and cause', () => {
    const cause = new Error('disk full');
    const error = new MedflError('STORE_FAILED', 'could not write the update; free disk space and retry', { cause });
    expect(error.code).toBe('STORE_FAILED');
    expect(error.exitCode).toBe(1);
    expect(error.grpcStatus).toBe(13);
    expect(error.cause).toBe(cause);
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      code: 'STORE_FAILED',
      message: 'could not write the update; free disk space and retry',
      details: {},
    });
  });

  it('wraps foreign throwables as INTERNAL and keeps MedflErrors unchanged', () => {
    const own = new MedflError('PLAN_INVALID', 'bad');
    expect(asMedflError(own)).toBe(own);
    const wrapped = asMedflError(new TypeError('x is undefined'));
    expect(wrapped.code).toBe('INTERNAL');
    expect(wrapped.message).toBe('unexpected internal error: x is undefined');
  });
});
