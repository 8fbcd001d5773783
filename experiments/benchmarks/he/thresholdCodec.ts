// medfl's threshold CKKS codec (issue 15) as the he bench drives it: four sites, each encrypting under its own key
// against the attempt's common random polynomials, t = 3 decryptors; `decrypt` is everything between the fold and
// the mean (three decryption shares, their fold, the opening), all in this one process.
import { chooseCkksParameters } from '../../../common/he/ckksParameters.ts';
import { createPolynomialSum } from '../../../common/he/threshold/createPolynomialSum.ts';
import { createThresholdCodec } from '../../../common/he/threshold/createThresholdCodec.ts';
import { addShares } from '../../../common/he/threshold/shamir.ts';
import type { ThresholdSession } from '../../../common/he/threshold/thresholdSession.ts';
import { BENCH_PLAN, type BenchCodec } from './BenchCodec.ts';

export const THRESHOLD_SITES = 4;
export const BENCH_THRESHOLD = Math.floor(THRESHOLD_SITES / 2) + 1;
export const BENCH_ATTEMPT = { runId: 'bench-he', round: 1, attempt: 0 };
export const BENCH_MASK_KEY = new Uint8Array(32).fill(0x6d);

export function thresholdParameters(parameterCount: number, maxSites = BENCH_PLAN.maxSites, threshold = BENCH_THRESHOLD) {
  return chooseCkksParameters({ parameterCount, ...BENCH_PLAN, maxSites, threshold });
}

export async function thresholdCodec(parameterCount: number): Promise<BenchCodec> {
  const params = thresholdParameters(parameterCount);
  const points = Array.from({ length: THRESHOLD_SITES }, (_, i) => i + 1);
  const sites = await Promise.all(points.map((x) => createThresholdCodec(params, new Uint8Array(32).fill(x))));
  const dealt = sites.map((site) => site.shareKey(points));
  const session: ThresholdSession = { attempt: BENCH_ATTEMPT, contributors: points, decryptors: points.slice(0, BENCH_THRESHOLD) };
  // The bench builds a fresh codec per trial, so one aggregate and one share sum each, both ready before timing.
  const sum = await createPolynomialSum(params);
  const shareSum = await createPolynomialSum(params, BENCH_THRESHOLD);
  let encrypted = 0;
  return {
    label: `medfl threshold t=${BENCH_THRESHOLD}/${THRESHOLD_SITES} N=${params.polyModulusDegree} q=${params.primeBits}b scale=2^${params.scaleBits} coeff-packed CRS, ${params.primeBits}-bit wire`,
    // The bench's sites take turns, so each update is one site's own encryption under its own key.
    encrypt: (update, examples) => sites[encrypted++ % THRESHOLD_SITES]!.encryptUpdate(update, examples, BENCH_ATTEMPT),
    fold: (chunks) => sum.fold(chunks),
    decrypt(totalExamples) {
      for (const x of session.decryptors) {
        const keyShareSum = addShares(points.map((i) => dealt[i - 1]![x - 1]!), sites[x - 1]!.prime);
        shareSum.fold([...sites[x - 1]!.decryptionShare({ session, point: x, keyShareSum, maskKey: BENCH_MASK_KEY })]);
      }
      return sites[0]!.openAggregate({ session, aggregateChunks: sum.serialize(), shareSumChunks: shareSum.serialize(), maskKey: BENCH_MASK_KEY, totalExamples });
    },
    dispose: () => sites.forEach((site) => site.dispose()),
  };
}
