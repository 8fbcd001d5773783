import { describe, expect, it } from 'vitest';
import { deriveCandidate } from '../../../participant/node/deriveCandidate.ts';
import { aggregateParts, candidateContext, header, next, progress } from './helpers/roundFixture.ts';

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
});
