// log(erfc(x)) to near double precision, which JavaScript's Math lacks; the fractional-order RDP series needs it far
// into the tail, where erfc itself underflows.

const LOG_SQRT_PI = 0.5 * Math.log(Math.PI);
/** Below this, the everywhere-positive Taylor series of erf converges fast; above, the continued fraction does. */
const SERIES_LIMIT = 2.5;

/** erf(x) = 2/√π · e^(−x²) · Σ 2ⁿ x^(2n+1) / (1·3·…·(2n+1)): every term positive, so no cancellation. */
function erfSeries(x: number): number {
  let term = x;
  let sum = x;
  for (let n = 1; n < 200 && term > sum * 1e-17; n += 1) {
    term *= (2 * x * x) / (2 * n + 1);
    sum += term;
  }
  return (2 / Math.sqrt(Math.PI)) * Math.exp(-x * x) * sum;
}

/**
 * log erfc(x) for x ≥ SERIES_LIMIT from erfc(x) = e^(−x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …)))),
 * evaluated bottom-up from a depth where the tail no longer matters at this x.
 */
function logErfcContinuedFraction(x: number): number {
  let tail = x;
  for (let k = 120; k >= 1; k -= 1) tail = x + k / 2 / tail;
  return -x * x - LOG_SQRT_PI - Math.log(tail);
}

export function logErfc(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (x === Infinity) return -Infinity;
  if (x < 0) return Math.log(2 - Math.exp(logErfc(-x)));
  if (x < SERIES_LIMIT) return Math.log1p(-erfSeries(x));
  return logErfcContinuedFraction(x);
}
