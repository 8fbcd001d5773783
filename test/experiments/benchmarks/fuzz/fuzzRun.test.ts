// The short version of issue 17's fuzz (the 10,000-message run is `npm run bench -- fuzz`): 300 malformed messages over
// the four categories from an authenticated site at a live coordinator while its round collects, with real honest
// participants and anvil. A named status: see isNamedStatus (experiments/benchmarks/fuzz/fuzzSummary.ts); INTERNAL
// counts only with a specific medfl code such as STORE_FAILED.
import { describe, expect, it } from 'vitest';
import { HONEST_SITES } from '../../../../experiments/benchmarks/fuzz/fuzzConsortium.ts';
import { FUZZ_CATEGORIES } from '../../../../experiments/benchmarks/fuzz/fuzzMessages.ts';
import { runFuzz } from '../../../../experiments/benchmarks/fuzz/fuzzRun.ts';

const brief = (records: { category: string; kind: string; method: string; grpcStatus: string; medflCode: string | null; details: string }[]) =>
  records.slice(0, 5).map((r) => `${r.category}/${r.kind} ${r.method}: ${r.grpcStatus} ${r.medflCode ?? '-'} ${r.details}`).join('\n');

describe('fuzzing a live coordinator', () => {
  it('answers 300 malformed messages each with a named refusal, stays up, and the round in progress commits', async () => {
    // The round closes only at its deadline (the fuzzer never uploads): 40 s holds site start-up and one epoch on a
    // loaded machine plus the fuzz, which took 13 s at load average 21 on 2 cores.
    const report = await runFuzz({ count: 300, seed: 17, roundDeadlineSeconds: 40, fuzzSeconds: 30, slackSeconds: 60 });
    expect(report.messages).toBe(300);
    expect(new Set(report.counts.map((count) => count.category))).toEqual(new Set(FUZZ_CATEGORIES));
    expect(report.roundStateAfterFuzz).toBe('COLLECTING');
    expect(report.crashes).toBe(0);
    expect(brief(report.unnamed)).toBe('');
    expect(brief(report.acceptedWrites)).toBe('');
    // The ciphertext checks themselves were reached, not only the envelope's.
    expect(report.counts.some((count) => count.category === 'ciphertext' && count.status.startsWith('CIPHERTEXT_'))).toBe(true);
    expect(report.roundCommitted).toBe(true);
    expect(report.contributors).toEqual([...HONEST_SITES].sort());
  }, 300_000);
});
