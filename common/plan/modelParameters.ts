// How many weights a plan's model has, and the most a plan may ask for today.
/**
 * 64 M weights: room for the 50 M-weight model. What bounds it now is the site, not the wire: the coordinator
 * folds an update from its store one chunk at a time into a running sum kept on disk (coordinator/store/SumFile.ts),
 * and a site encrypts into a file (participant/node/updateChunkFile.ts) read back as it is sent; but genesis still
 * builds the model as a JS number array (8 B per weight on the V8 heap) and a site keeps several Float32 copies
 * (global, local, delta, optimiser moments) beside tfjs's own, ~1 GB at 64 M. A 16×4096 MLP (~250 M) ran provision
 * out of memory.
 */
export const MAX_MODEL_PARAMETERS = 64_000_000;

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
