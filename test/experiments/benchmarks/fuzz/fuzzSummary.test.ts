// What counts as a named answer to a fuzz message, and what a run's answers add up to.
import { describe, expect, it } from 'vitest';
import type { FuzzRecord } from '../../../../experiments/benchmarks/fuzz/fireFuzz.ts';
import { isNamedStatus, summarizeFuzz } from '../../../../experiments/benchmarks/fuzz/fuzzSummary.ts';

const record = (change: Partial<FuzzRecord>): FuzzRecord => ({ category: 'bytes', kind: 'random bytes', method: 'GetPlan', grpcStatus: 'INVALID_ARGUMENT', medflCode: 'WIRE_INVALID', details: '', ms: 5, ...change });

describe('fuzzSummary', () => {
  it('names a refusal with a medfl code, OK, or a transport status that says what happened; nothing else', () => {
    expect(isNamedStatus(record({}))).toBe(true);
    expect(isNamedStatus(record({ grpcStatus: 'INTERNAL', medflCode: 'STORE_FAILED' }))).toBe(true);
    expect(isNamedStatus(record({ grpcStatus: 'OK', medflCode: null }))).toBe(true);
    expect(isNamedStatus(record({ grpcStatus: 'RESOURCE_EXHAUSTED', medflCode: null }))).toBe(true);
    expect(isNamedStatus(record({ grpcStatus: 'INTERNAL', medflCode: null }))).toBe(false);
    expect(isNamedStatus(record({ grpcStatus: 'INTERNAL', medflCode: 'INTERNAL' }))).toBe(false);
    expect(isNamedStatus(record({ grpcStatus: 'INVALID_ARGUMENT', medflCode: 'NOT_A_CODE' }))).toBe(false);
    expect(isNamedStatus(record({ grpcStatus: 'UNKNOWN', medflCode: null }))).toBe(false);
    expect(isNamedStatus(record({ grpcStatus: 'DEADLINE_EXCEEDED', medflCode: null }))).toBe(false);
  });

  it('counts per category and status, and picks out unnamed answers and accepted writes', () => {
    const records = [
      record({ ms: 1 }), record({ ms: 3 }), record({ category: 'envelope', method: 'SubmitUpdate', grpcStatus: 'OK', medflCode: null, ms: 9 }),
      record({ grpcStatus: 'INTERNAL', medflCode: null, ms: 2 }), record({ method: 'GetRunStatus', grpcStatus: 'OK', medflCode: null, ms: 4 }),
    ];
    const summary = summarizeFuzz(records);
    expect(summary.messages).toBe(5);
    expect(summary.counts).toEqual([
      { category: 'bytes', status: 'WIRE_INVALID', grpcStatus: 'INVALID_ARGUMENT', count: 2 },
      { category: 'bytes', status: 'INTERNAL', grpcStatus: 'INTERNAL', count: 1 },
      { category: 'bytes', status: 'OK', grpcStatus: 'OK', count: 1 },
      { category: 'envelope', status: 'OK', grpcStatus: 'OK', count: 1 },
    ]);
    expect(summary.unnamed).toEqual([records[3]]);
    expect(summary.acceptedWrites).toEqual([records[2]]);
    expect([summary.medianMs, summary.maxMs]).toEqual([3, 9]);
  });
});
