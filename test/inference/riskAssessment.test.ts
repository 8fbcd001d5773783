import { describe, expect, it } from 'vitest';
import { loadPlan } from '../../common/plan/loadPlan.ts';
import { DEFAULT_WINDOWING } from '../../datasets/fhir/windowing.ts';
import { MODEL_COMMIT_EXTENSION, riskAssessment } from '../../inference/riskAssessment.ts';
import type { ModelReference } from '../../inference/modelReference.ts';
import { REPO_ROOT } from '../../datasets/paths.ts';
import { validateFhir } from '../helpers/validateFhir.ts';

const reference: ModelReference = {
  modelHash: `0x${'a'.repeat(64)}`, chainId: 31337, ledgerAddress: `0x${'1'.repeat(40)}`, runId: '4', round: 5, txHash: `0x${'b'.repeat(64)}`, source: 'chain',
};
const at = Date.parse('2026-03-04T16:01:00Z');

describe('riskAssessment', () => {
  const assessment = riskAssessment({
    patientId: 'h1-p7', at, probability: 0.125, plan: loadPlan(`${REPO_ROOT}/plans/demo.json`), windowing: DEFAULT_WINDOWING, reference,
    basis: [{ reference: 'Observation/h1-o9', display: '8867-4 at …', time: at }, { display: '8310-5 at 2026-03-04T15:00:00Z', time: at - 3_600_000 }],
  });

  it('is a valid FHIR R4 RiskAssessment', () => {
    validateFhir(assessment);
  });

  it('references each Observation used, describing one without an id rather than dropping it', () => {
    expect(assessment.basis).toEqual([{ reference: 'Observation/h1-o9' }, { display: 'Observation without id: 8310-5 at 2026-03-04T15:00:00Z' }]);
  });

  it('predicts the plan outcome over its horizon from the prediction time, and cites the commit', () => {
    expect(assessment.prediction?.[0]).toMatchObject({ probabilityDecimal: 0.125, whenPeriod: { start: '2026-03-04T16:01:00.000Z', end: '2026-03-04T22:01:00.000Z' } });
    expect(assessment.method?.text).toBe(`medfl model ${reference.modelHash} (run 4 round 5 on chain 31337, ledger ${reference.ledgerAddress}, tx ${reference.txHash})`);
    const commit = assessment.extension?.find((e) => e.url === MODEL_COMMIT_EXTENSION)?.extension ?? [];
    expect(Object.fromEntries(commit.map((e) => [e.url, e.valueString ?? e.valueInteger ?? e.valueBoolean]))).toEqual({
      modelHash: reference.modelHash, chainId: 31337, ledger: reference.ledgerAddress, runId: '4', round: 5, txHash: reference.txHash, verifiedOnChain: true,
    });
  });
});
