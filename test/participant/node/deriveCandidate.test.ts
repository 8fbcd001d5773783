import { describe, expect, it } from 'vitest';
import { deriveCandidate } from '../../../participant/node/deriveCandidate.ts';
import { contributionsRoot } from '../../../common/wire/contributionsRoot.ts';
import { aggregateParts, candidateContext, header, leaves, next, progress } from './helpers/roundFixture.ts';

describe('deriveCandidate (in-process coordinator double)', () => {
  it('derives the next model from the aggregate and evaluates it on the site\'s test data', async () => {
    const { context } = candidateContext(aggregateParts(header(progress.modelHash)));
    const { header: received, candidate } = await deriveCandidate(context, 2, () => {});
    expect(received.round).toBe(2);
    expect(candidate).toMatchObject({ round: 2, modelHash: next.modelHash, metrics: { examples: 2 } });
    expect(candidate.strategyState).toEqual(next.strategyState);
  });

  it('reports an AUROC and AUPRC it cannot compute (one class only) as null, never NaN', async () => {
    const { context } = candidateContext(aggregateParts(header(progress.modelHash)));
    const oneClass = { ...context.test, labels: Float32Array.from([1, 1]) };
    const { candidate } = await deriveCandidate({ ...context, test: oneClass }, 2, () => {});
    expect(candidate.metrics).toMatchObject({ auroc: null, auprc: null, positiveRate: 1 });
  });

  it("refuses a header with a leaf over the plan's example cap with EXAMPLES_OVER_CAP, before any chunk or the site's own checks", async () => {
    const over = [{ ...leaves[0]!, examples: 101 }];
    const head = { ...header(progress.modelHash), contributions: over, totalExamples: 101, contributionsRoot: contributionsRoot(over) };
    const { context } = candidateContext([{ header: head }]);
    let checked = false;
    await expect(deriveCandidate(context, 2, () => (checked = true))).rejects.toMatchObject({
      code: 'EXAMPLES_OVER_CAP', message: "the aggregate's leaf for site-a claims 101 examples; the plan caps a site at 100", details: { site: 'site-a', examples: 101, cap: 100 },
    });
    expect(checked).toBe(false);
  });

  it("refuses a decrypted mean beyond the plan's bounds with AGGREGATE_OUT_OF_BOUNDS, before the strategy's server step", async () => {
    const { context } = candidateContext(aggregateParts(header(progress.modelHash)));
    let stepped = false;
    const strategy = { ...context.strategy, aggregateFit: (...args: Parameters<typeof context.strategy.aggregateFit>) => ((stepped = true), context.strategy.aggregateFit(...args)) };
    // The fixture's mean is 0.5 in every coordinate: within the test plan's bounds, outside these.
    const tight = { ...context, strategy, meanBounds: { maxAbsCoordinate: 0.4, maxNorm: 10 } };
    await expect(deriveCandidate(tight, 2, () => {})).rejects.toMatchObject({ code: 'AGGREGATE_OUT_OF_BOUNDS', details: { coordinate: 0, value: 0.5, bound: 0.4 } });
    await expect(deriveCandidate({ ...tight, meanBounds: { maxAbsCoordinate: 1, maxNorm: 0.9 } }, 2, () => {})).rejects.toMatchObject({
      code: 'AGGREGATE_OUT_OF_BOUNDS', details: { norm: 1, bound: 0.9 },
    });
    expect(stepped).toBe(false);
  });
});
