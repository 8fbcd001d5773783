// How many weights a plan's model has, and the most a plan may ask for today.
/**
 * 10 M weights. What the code holds per weight today: genesis builds the model as a JS number array (8 B on the V8
 * heap, more while the array grows), a site keeps several Float32 copies (global, local, delta, optimiser moments)
 * beside tfjs's own, and the coordinator keeps each upload's ciphertexts in memory until it is folded (~16 B per
 * weight at N=8192, seeded) plus the running sum (~32 B per weight). At 10 M that is ~160 MB per upload and ~320 MB
 * for the sum, within Node's default heap and a hospital server's memory; a 16×4096 MLP (~250 M) ran provision out
 * of memory. Larger models (a later issue aims at 50 M) need genesis and the intake to stream instead.
 */
export const MAX_MODEL_PARAMETERS = 10_000_000;

/** Dense layers with biases: each hidden width, then one output unit, over `inputWidth` features. */
export function modelParameters(model: { readonly kind: 'logistic' } | { readonly kind: 'mlp'; readonly hidden: readonly number[] }, inputWidth: number): number {
  const widths = model.kind === 'mlp' ? [...model.hidden, 1] : [1];
  let inputs = inputWidth;
  let count = 0;
  for (const units of widths) {
    count += inputs * units + units;
    inputs = units;
  }
  return count;
}
