import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseCkksParameters, VALUE_HEADROOM, type CkksParameters } from '../../../../common/he/ckksParameters.ts';
import { createPolynomialSum } from '../../../../common/he/threshold/createPolynomialSum.ts';
import { createThresholdCodec, type ThresholdCodec } from '../../../../common/he/threshold/createThresholdCodec.ts';
import { openCkksContext } from '../../../../common/he/ckksContext.ts';
import { deriveSiteSecret } from '../../../../common/he/threshold/deriveSiteSecret.ts';
import { addShares, lagrangeAtZero, scaleShare } from '../../../../common/he/threshold/shamir.ts';
import type { ThresholdSession } from '../../../../common/he/threshold/thresholdSession.ts';
import { wireCiphertextBytes } from '../../../../common/he/wireCiphertext.ts';
import { seededRandom } from '../../../../common/seededRandom.ts';
import { pearson } from '../../../helpers/pearson.ts';

const SITES = 5;
const PARAMS = 10_000;
const POINTS = [1, 2, 3, 4, 5];
const attempt = { runId: 'run-threshold', round: 3, attempt: 0 };
const maskKey = new Uint8Array(32).fill(9);
const random = seededRandom(15, 'threshold-codec');
const updates = POINTS.map(() => Float32Array.from({ length: PARAMS }, () => (random.float() * 2 - 1) * 0.5));
const examples = [120, 7, 999, 350, 42];

interface Consortium {
  readonly params: CkksParameters;
  readonly codecs: ThresholdCodec[];
  /** received[x-1][i-1]: site i's key share for point x, which only site x holds. */
  readonly received: BigUint64Array[][];
}

async function consortium(threshold: number): Promise<Consortium> {
  const params = chooseCkksParameters({ parameterCount: PARAMS, maxSites: SITES, clipNorm: 1, maxExamples: 1000, threshold });
  const codecs = await Promise.all(POINTS.map((x) => createThresholdCodec(params, new Uint8Array(32).fill(x))));
  const dealt = codecs.map((codec) => codec.shareKey(POINTS));
  return { params, codecs, received: POINTS.map((_, j) => dealt.map((shares) => shares[j]!)) };
}

const codecAt = (c: Consortium, x: number) => c.codecs[x - 1]!;

/** Every contributor's c0 chunks, as the coordinator receives them. */
const uploads = (c: Consortium, contributors: readonly number[]) =>
  new Map(contributors.map((x) => [x, [...codecAt(c, x).encryptUpdate(updates[x - 1]!, examples[x - 1]!, attempt)]]));

/** Decryptor x's share for the session: Σ_U of the key shares it holds. */
function shareOf(c: Consortium, session: ThresholdSession, x: number): Uint8Array[] {
  const keyShareSum = addShares(session.contributors.map((i) => c.received[x - 1]![i - 1]!), codecAt(c, x).prime);
  return [...codecAt(c, x).decryptionShare({ session, point: x, keyShareSum, maskKey })];
}

async function fold(c: Consortium, uploadsByPoint: readonly Uint8Array[][], limit?: number): Promise<Uint8Array[]> {
  const sum = await createPolynomialSum(c.params, limit);
  for (const chunks of uploadsByPoint) sum.fold(chunks);
  return sum.serialize();
}

function expectedMean(contributors: readonly number[]): { mean: Float64Array; total: number } {
  const total = contributors.reduce((a, x) => a + examples[x - 1]!, 0);
  const mean = new Float64Array(PARAMS);
  for (const x of contributors) updates[x - 1]!.forEach((v, i) => (mean[i] = (mean[i] ?? 0) + (v * examples[x - 1]!) / total));
  return { mean, total };
}

const worstError = (actual: Float32Array, expected: Float64Array) => actual.reduce((w, v, i) => Math.max(w, Math.abs(v - (expected[i] ?? 0))), 0);

/** base^exponent mod q (an inverse with exponent q − 2). */
function power(base: bigint, exponent: bigint, q: bigint): bigint {
  let result = 1n;
  for (let b = base % q, e = exponent; e > 0n; e >>= 1n, b = (b * b) % q) if (e & 1n) result = (result * b) % q;
  return result;
}

let c3: Consortium;
beforeAll(async () => {
  c3 = await consortium(3);
});
afterAll(() => c3.codecs.forEach((codec) => codec.dispose()));

describe('createThresholdCodec (in-process: 5 sites, t = 3, 10k parameters, real SEAL)', () => {
  async function open(session: ThresholdSession, opener: number, sent = uploads(c3, session.contributors)): Promise<Float32Array> {
    const aggregateChunks = await fold(c3, [...sent.values()]);
    const shareSumChunks = await fold(c3, session.decryptors.map((x) => shareOf(c3, session, x)), c3.params.threshold);
    return codecAt(c3, opener).openAggregate({ session, aggregateChunks, shareSumChunks, maskKey, totalExamples: expectedMean(session.contributors).total });
  }
  // The stated bound on the sum (errorBound·clipNorm, smudging included) plus float32 rounding of the mean (|v| ≤ 0.5).
  const bound = () => c3.params.errorBound * c3.params.clipNorm + 0.5 * 2 ** -24;

  it('opens the example-weighted mean of four contributors from three decryptors, one of them (5) not a contributor', async () => {
    const contributors = [1, 2, 3, 4];
    const mean = await open({ attempt, contributors, decryptors: [2, 3, 5] }, 1);
    expect(worstError(mean, expectedMean(contributors).mean)).toBeLessThan(bound());
  });

  it('survives dropout: a contributor outside T, an opener outside U, and another T gives the same mean', async () => {
    const contributors = [1, 3, 4, 5];
    const sent = uploads(c3, contributors);
    const { mean: expected } = expectedMean(contributors);
    const first = await open({ attempt, contributors, decryptors: [2, 3, 4] }, 2, sent);
    const second = await open({ attempt, contributors, decryptors: [1, 4, 5] }, 2, sent);
    expect(worstError(first, expected)).toBeLessThan(bound());
    expect(worstError(second, expected)).toBeLessThan(bound());
  });

  it('sends c0 alone: primeBits per parameter, no seed', () => {
    const [chunk] = codecAt(c3, 1).encryptUpdate(updates[0]!, 1, attempt);
    expect(chunk!.length).toBe(wireCiphertextBytes(c3.params, 'crs'));
    expect(chunk!.length / (4 * c3.params.polyModulusDegree)).toBeLessThan(1.6);
  });

  it('gives garbage a caller detects (most coordinates beyond clipNorm·headroom) with a wrong mask key or a missing share', async () => {
    const session: ThresholdSession = { attempt, contributors: [1, 2, 3], decryptors: [1, 2, 3] };
    const aggregateChunks = await fold(c3, [...uploads(c3, session.contributors).values()]);
    const shares = session.decryptors.map((x) => shareOf(c3, session, x));
    const { total } = expectedMean(session.contributors);
    const limit = c3.params.clipNorm * VALUE_HEADROOM;
    const outside = (mean: Float32Array) => mean.filter((v) => Math.abs(v) > limit).length / mean.length;
    const wrongKey = codecAt(c3, 4).openAggregate({ session, aggregateChunks, shareSumChunks: await fold(c3, shares), maskKey: new Uint8Array(32), totalExamples: total });
    const missing = codecAt(c3, 4).openAggregate({ session, aggregateChunks, shareSumChunks: await fold(c3, shares.slice(1)), maskKey, totalExamples: total });
    // Uniform residues mod q read back spread over ±q/(2·scale·total) (±58 here), ≥ 4× the legitimate ±limit at any
    // total the prime allows; here 1 − 4/58 ≈ 93% of coordinates fall outside, a legitimate mean has none.
    expect(outside(wrongKey)).toBeGreaterThan(0.85);
    expect(outside(missing)).toBeGreaterThan(0.85);
  });

  it('resends a decryption share as the same bytes, and a share for other contributors as other bytes', () => {
    const session: ThresholdSession = { attempt, contributors: [1, 2, 3], decryptors: [2, 3, 4] };
    expect(shareOf(c3, session, 2)).toEqual(shareOf(c3, session, 2));
    expect(shareOf(c3, { ...session, contributors: [1, 2] }, 2)[0]).not.toEqual(shareOf(c3, session, 2)[0]);
  });

  it('refuses single-key parameters, and a malformed or foreign chunk in either fold before opening', async () => {
    const single = chooseCkksParameters({ parameterCount: PARAMS, maxSites: SITES, clipNorm: 1, maxExamples: 1000 });
    await expect(createThresholdCodec(single, new Uint8Array(32))).rejects.toMatchObject({ code: 'CODEC_MISMATCH' });
    const session: ThresholdSession = { attempt, contributors: [1], decryptors: [1, 2, 3] };
    const chunks = [...codecAt(c3, 1).encryptUpdate(updates[0]!, 1, attempt)];
    const truncated = chunks.map((chunk, i) => (i === 1 ? chunk.subarray(0, chunk.length - 1) : chunk));
    const open = (aggregateChunks: Uint8Array[], shareSumChunks: Uint8Array[]) => codecAt(c3, 1).openAggregate({ session, aggregateChunks, shareSumChunks, maskKey, totalExamples: 1 });
    expect(() => open(chunks, truncated)).toThrow(expect.objectContaining({ code: 'CIPHERTEXT_TRUNCATED', message: expect.stringContaining('decryption-share sum chunk 1') }));
    const foreign = chunks.map((chunk) => chunk.slice());
    foreign[0]![9] = foreign[0]![9]! ^ 1; // the codec tag in the header
    expect(() => open(foreign, chunks)).toThrow(expect.objectContaining({ code: 'CIPHERTEXT_WRONG_PARAMETERS' }));
    expect(() => open(chunks.slice(1), chunks)).toThrow(expect.objectContaining({ code: 'CIPHERTEXT_COUNT' }));
  });

  it('refuses a decryptor outside T, a T of the wrong size, and a key-share sum at or above q', () => {
    const session: ThresholdSession = { attempt, contributors: [1, 2], decryptors: [2, 3, 4] };
    const keyShareSum = c3.received[0]![0]!;
    expect(() => [...codecAt(c3, 1).decryptionShare({ session, point: 1, keyShareSum, maskKey })]).toThrow('site point 1 is not among the decryptors [2, 3, 4]');
    expect(() => [...codecAt(c3, 2).decryptionShare({ session: { ...session, decryptors: [2, 3] }, point: 2, keyShareSum, maskKey })])
      .toThrow('the decryptors must be 3 distinct site points in 1..5, got [2, 3]');
    const high = keyShareSum.slice();
    high[5] = codecAt(c3, 2).prime;
    expect(() => [...codecAt(c3, 2).decryptionShare({ session, point: 2, keyShareSum: high, maskKey })]).toThrow(expect.objectContaining({ code: 'KEY_INVALID' }));
  });
});

describe('collusion of one site with the coordinator (in-process)', () => {
  const session = (decryptors: number[]): ThresholdSession => ({ attempt, contributors: [1], decryptors });

  /**
   * Site B (point 2) holds its own secret, every site's key share for point 2 and the mask key; the coordinator adds
   * site A's (point 1) c0. B multiplies a by a key of its choice z (through its own decryption share, as the masker, so
   * the mask cancels) and decodes c0_A + z·a as if it were an aggregate of A alone. `z` is given as the key-share sum
   * whose λ_B multiple it is.
   */
  function bAttempt(c: Consortium, decryptors: number[], keyShareSum: BigUint64Array): Float32Array {
    const c0A = [...codecAt(c, 1).encryptUpdate(updates[0]!, examples[0]!, attempt)];
    const share = [...codecAt(c, 2).decryptionShare({ session: session(decryptors), point: 2, keyShareSum, maskKey })];
    return codecAt(c, 2).openAggregate({ session: session(decryptors), aggregateChunks: c0A, shareSumChunks: share, maskKey, totalExamples: examples[0]! });
  }

  it('with t = 3, every attempt of B and the coordinator decodes to values uncorrelated with A\'s update (|r| < 0.05 over 10k); three colluders can', async () => {
    const decryptors = [2, 3, 4];
    const q = codecAt(c3, 2).prime;
    const lambda = lagrangeAtZero(decryptors, q)[0]!;
    const unscale = (residues: BigUint64Array) => scaleShare(residues, power(lambda, q - 2n, q), q);
    const ckks = await openCkksContext(c3.params);
    const ownSecret = deriveSiteSecret(ckks, new Uint8Array(32).fill(2)).residues;
    ckks.dispose();
    const attempts = {
      'λ_B·[s_A]_B': c3.received[1]![0]!,
      '[s_A]_B': unscale(c3.received[1]![0]!),
      's_B': unscale(ownSecret),
      'λ_B·Σ_i [s_i]_B': addShares(c3.received[1]!, q),
    };
    for (const [name, keyShareSum] of Object.entries(attempts)) {
      expect({ name, r: Math.abs(pearson(bAttempt(c3, decryptors, keyShareSum), updates[0]!)) < 0.05 }).toEqual({ name, r: true });
    }
    // Control: the same decoding with t = 3 colluders' shares (B, 3 and 4 pooling [s_A]_j) rebuilds s_A and reveals A.
    const pooled = addShares(decryptors.map((x, k) => scaleShare(c3.received[x - 1]![0]!, lagrangeAtZero(decryptors, q)[k]!, q)), q);
    expect(pearson(bAttempt(c3, decryptors, unscale(pooled)), updates[0]!)).toBeGreaterThan(0.999);
  });

  it('with t = 1 (protection off: B\'s share of s_A is s_A), the same attempt reveals A\'s update (r > 0.999)', async () => {
    const c1 = await consortium(1);
    try {
      expect(pearson(bAttempt(c1, [2], c1.received[1]![0]!), updates[0]!)).toBeGreaterThan(0.999);
    } finally {
      c1.codecs.forEach((codec) => codec.dispose());
    }
  });
});
