// The most examples one site may weight its update by in a run: the plan's cap, or MAX_SITE_EXAMPLES when it sets none.
// The cap bounds each site's share of the example-weighted mean and sizes the codec (runCodecParameters.ts).

/**
 * The largest cap a plan may set. It bounds the encrypted sum (sites × examples × clip), so it sets the CKKS prime;
 * 100 000 records per site keeps a 64-site run within one 60-bit prime at error 1e-6.
 */
export const MAX_SITE_EXAMPLES = 100_000;

/** The run's per-site example cap; a plan written before the cap existed keeps MAX_SITE_EXAMPLES (and its planHash). */
export function exampleCap(plan: { readonly consortium: { readonly maxExamplesPerSite?: number | undefined } }): number {
  return plan.consortium.maxExamplesPerSite ?? MAX_SITE_EXAMPLES;
}
