// Sums and differences of numbers held as their logarithms, so RDP moments of huge order neither overflow nor underflow.

/** log(e^a + e^b), exact for -Infinity operands. */
export function logAdd(a: number, b: number): number {
  const high = Math.max(a, b);
  const low = Math.min(a, b);
  if (high === -Infinity) return -Infinity;
  return high + Math.log1p(Math.exp(low - high));
}

/** log(e^a − e^b) for a ≥ b; -Infinity when they are equal. */
export function logSub(a: number, b: number): number {
  if (b === -Infinity) return a;
  if (a <= b) return -Infinity;
  return a + Math.log(-Math.expm1(b - a));
}
