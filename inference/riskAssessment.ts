// The FHIR R4 RiskAssessment a bedside prediction answers with: the probability, the Observations it used as basis,
// and the model as `method` (its hash as a coding) plus the commit that made it as an extension.
import type { Extension, Reference, RiskAssessment } from 'fhir/r4.js';
import type { Plan } from '../common/plan/planSchema.ts';
import type { UsedObservation } from '../datasets/fhir/readPatientVitals.ts';
import type { WindowingOptions } from '../datasets/fhir/windowing.ts';
import type { ModelReference } from './modelReference.ts';

const HOUR_MS = 3_600_000;

/** The code system of medfl model hashes (sha256 of topology and weights: common/model/modelHash.ts). */
export const MODEL_HASH_SYSTEM = 'urn:medfl:model-hash';
/** The extension carrying the model's commit on the ledger. */
export const MODEL_COMMIT_EXTENSION = 'urn:medfl:fhir:extension:model-commit';

export interface RiskInput {
  readonly patientId: string;
  /** The prediction time: the end of the window (ms since epoch). */
  readonly at: number;
  readonly probability: number;
  readonly basis: readonly UsedObservation[];
  readonly plan: Plan;
  readonly windowing: WindowingOptions;
  readonly reference: ModelReference;
}

function commitExtension(reference: ModelReference): Extension {
  return {
    url: MODEL_COMMIT_EXTENSION,
    extension: [
      { url: 'modelHash', valueString: reference.modelHash },
      { url: 'chainId', valueInteger: reference.chainId },
      { url: 'ledger', valueString: reference.ledgerAddress },
      { url: 'runId', valueString: reference.runId },
      { url: 'round', valueInteger: reference.round },
      ...(reference.txHash ? [{ url: 'txHash', valueString: reference.txHash }] : []),
      { url: 'verifiedOnChain', valueBoolean: reference.source === 'chain' },
    ],
  };
}

function basisReference(observation: UsedObservation): Reference {
  return observation.reference ? { reference: observation.reference } : { display: `Observation without id: ${observation.display}` };
}

export function riskAssessment(input: RiskInput): RiskAssessment {
  const { reference, windowing, plan } = input;
  const horizon = `${windowing.horizonHours} h`;
  const outcomeText = plan.description ? `${plan.description} (outcome within ${horizon})` : `outcome ${windowing.outcome.system}|${windowing.outcome.code} within ${horizon}`;
  const where = `run ${reference.runId} round ${reference.round} on chain ${reference.chainId}, ledger ${reference.ledgerAddress}${reference.txHash ? `, tx ${reference.txHash}` : ''}`;
  return {
    resourceType: 'RiskAssessment',
    status: 'final',
    subject: { reference: `Patient/${input.patientId}` },
    occurrenceDateTime: new Date(input.at).toISOString(),
    method: {
      coding: [{ system: MODEL_HASH_SYSTEM, code: reference.modelHash, display: `medfl federated model of plan ${plan.name}` }],
      text: `medfl model ${reference.modelHash} (${where})`,
    },
    basis: input.basis.map(basisReference),
    prediction: [
      {
        outcome: { coding: [{ system: windowing.outcome.system, code: windowing.outcome.code }], text: outcomeText },
        probabilityDecimal: input.probability,
        whenPeriod: { start: new Date(input.at).toISOString(), end: new Date(input.at + windowing.horizonHours * HOUR_MS).toISOString() },
      },
    ],
    extension: [commitExtension(reference)],
  };
}
