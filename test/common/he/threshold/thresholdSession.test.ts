import { describe, expect, it } from 'vitest';
import { chooseCkksParameters } from '../../../../common/he/ckksParameters.ts';
import { checkSession, maskerOf, sessionInfo } from '../../../../common/he/threshold/thresholdSession.ts';

const params = chooseCkksParameters({ parameterCount: 5000, maxSites: 5, clipNorm: 1, maxExamples: 1000, threshold: 3 });
const attempt = { runId: 'r', round: 1, attempt: 0 };

describe('thresholdSession', () => {
  it('names the smallest decryptor the masker and keys mask and noise by U and T in any order', () => {
    const session = { attempt, contributors: [4, 1, 2], decryptors: [5, 3, 2] };
    expect(maskerOf(session)).toBe(2);
    expect(sessionInfo(params.codecId, session, 0)).toBe(sessionInfo(params.codecId, { attempt, contributors: [1, 2, 4], decryptors: [2, 3, 5] }, 0));
    expect(sessionInfo(params.codecId, session, 0)).not.toBe(sessionInfo(params.codecId, { ...session, contributors: [1, 2] }, 0));
  });

  it('refuses empty or repeated contributors, points outside 1..maxSites and a T of other than t sites', () => {
    expect(() => checkSession(params, { attempt, contributors: [], decryptors: [1, 2, 3] })).toThrow('the contributors must be 1..5 distinct site points in 1..5, got []');
    expect(() => checkSession(params, { attempt, contributors: [1, 1], decryptors: [1, 2, 3] })).toThrow(expect.objectContaining({ code: 'CODEC_PARAMETERS' }));
    expect(() => checkSession(params, { attempt, contributors: [6], decryptors: [1, 2, 3] })).toThrow(expect.objectContaining({ code: 'CODEC_PARAMETERS' }));
    expect(() => checkSession(params, { attempt, contributors: [1], decryptors: [1, 2, 3, 4] })).toThrow('the decryptors must be 3 distinct site points in 1..5, got [1, 2, 3, 4]');
  });
});
