// The Euclidean length of an update: what the plan's clip bound limits.

export function l2Norm(values: Float32Array): number {
  let sum = 0;
  for (const value of values) sum += value * value;
  return Math.sqrt(sum);
}
