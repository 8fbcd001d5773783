// What `medfl serve` answers a request it cannot predict for: a FHIR OperationOutcome naming the problem and its medfl
// error code, with the HTTP status that fits the code.
import type { OperationOutcome } from 'fhir/r4.js';
import type { ErrorCode } from '../common/errorCodes.ts';
import type { MedflError } from '../common/MedflError.ts';

type IssueType = OperationOutcome['issue'][number]['code'];

/** HTTP status and FHIR issue type per code a request can cause; anything else is the server's own fault (500). */
const REQUEST_PROBLEMS: Partial<Record<ErrorCode, { status: number; issue: IssueType }>> = {
  REQUEST_INVALID: { status: 400, issue: 'structure' },
  REQUEST_TOO_LARGE: { status: 413, issue: 'too-long' },
  FHIR_NOT_FHIR: { status: 400, issue: 'structure' },
  FHIR_MALFORMED: { status: 400, issue: 'structure' },
  VITALS_MISSING: { status: 422, issue: 'required' },
  VITALS_TOO_FEW: { status: 422, issue: 'incomplete' },
  PATIENT_MISSING: { status: 422, issue: 'required' },
  PATIENT_AMBIGUOUS: { status: 422, issue: 'multiple-matches' },
};

export function operationOutcome(code: ErrorCode | 'NOT_FOUND' | 'METHOD_NOT_ALLOWED', message: string, issue: IssueType): OperationOutcome {
  return { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: issue, details: { coding: [{ system: 'urn:medfl:error-code', code }], text: code }, diagnostics: message }] };
}

/** The status and outcome for an error met while answering; an unforeseen one says only that it was internal. */
export function outcomeFor(error: MedflError): { status: number; outcome: OperationOutcome } {
  const problem = REQUEST_PROBLEMS[error.code];
  if (problem) return { status: problem.status, outcome: operationOutcome(error.code, error.message, problem.issue) };
  return { status: 500, outcome: operationOutcome('INTERNAL', 'the server failed to answer this request; its log says why', 'exception') };
}
