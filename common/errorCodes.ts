// The one table of medfl error codes: each stable code with its CLI exit code and gRPC status.
// Add a code here (in its area) before throwing it; tests pin the messages, not this layout.

/** CLI exit codes; `medfl --help` documents them. */
export const EXIT = {
  OK: 0,
  INTERNAL: 1,
  INVALID_INPUT: 2,
  NOT_FOUND: 3,
  MISMATCH: 4,
  SECURITY: 5,
  UNAVAILABLE: 6,
  CONFLICT: 7,
} as const;

/**
 * gRPC status numbers (grpc/status.proto), kept here so this table needs no gRPC import (the HE codec and the CLI use
 * it); test/common/wire/serviceError.test.ts checks them against @grpc/grpc-js's `status`.
 */
export const GRPC = {
  INVALID_ARGUMENT: 3,
  NOT_FOUND: 5,
  ALREADY_EXISTS: 6,
  PERMISSION_DENIED: 7,
  RESOURCE_EXHAUSTED: 8,
  FAILED_PRECONDITION: 9,
  ABORTED: 10,
  OUT_OF_RANGE: 11,
  INTERNAL: 13,
  UNAVAILABLE: 14,
  DATA_LOSS: 15,
  UNAUTHENTICATED: 16,
} as const;

type Row = { exit: number; grpc: number };
const row = (exit: number, grpc: number): Row => ({ exit, grpc });

export const ERROR_CODES = {
  // general
  INTERNAL: row(EXIT.INTERNAL, GRPC.INTERNAL),
  USAGE: row(EXIT.INVALID_INPUT, GRPC.INVALID_ARGUMENT),
  FILE_NOT_FOUND: row(EXIT.NOT_FOUND, GRPC.NOT_FOUND),
  FILE_UNREADABLE: row(EXIT.INVALID_INPUT, GRPC.INVALID_ARGUMENT),
  /** An output file (--out) that cannot be written: a read-only folder, a path through a file, a full disk. */
  FILE_UNWRITABLE: row(EXIT.INVALID_INPUT, GRPC.FAILED_PRECONDITION),
  /** A fault drill file (participant/host/siteFaults.ts) that is not a list of valid faults. */
  FAULTS_INVALID: row(EXIT.INVALID_INPUT, GRPC.INVALID_ARGUMENT),
  // plans
  PLAN_INVALID: row(EXIT.INVALID_INPUT, GRPC.INVALID_ARGUMENT),
  PLAN_NOT_JSON: row(EXIT.INVALID_INPUT, GRPC.INVALID_ARGUMENT),
  PLAN_NOT_APPROVED: row(EXIT.SECURITY, GRPC.PERMISSION_DENIED),
  PLAN_MISMATCH: row(EXIT.MISMATCH, GRPC.FAILED_PRECONDITION),
  RUN_MISMATCH: row(EXIT.MISMATCH, GRPC.FAILED_PRECONDITION),
  // differential privacy (record-level DP-SGD and each site's budget)
  /** Accountant inputs out of range (sampling rate, noise, δ, a target ε no noise reaches). */
  PRIVACY_PARAMETERS: row(EXIT.INVALID_INPUT, GRPC.INVALID_ARGUMENT),
  /** A DP-SGD plan approved or run without the operator's ε budget. */
  PRIVACY_BUDGET_REQUIRED: row(EXIT.INVALID_INPUT, GRPC.FAILED_PRECONDITION),
  /** Training this round would take the site's cumulative ε past its operator's budget: the site sends nothing. */
  PRIVACY_BUDGET_EXHAUSTED: row(EXIT.SECURITY, GRPC.RESOURCE_EXHAUSTED),
  // model artifacts
  MODEL_INVALID: row(EXIT.INVALID_INPUT, GRPC.INVALID_ARGUMENT),
  MODEL_WEIGHTS_TRUNCATED: row(EXIT.INVALID_INPUT, GRPC.INVALID_ARGUMENT),
  MODEL_HASH_MISMATCH: row(EXIT.MISMATCH, GRPC.FAILED_PRECONDITION),
  // data sets
  DATASET_NOT_FOUND: row(EXIT.NOT_FOUND, GRPC.NOT_FOUND),
  DATASET_MALFORMED: row(EXIT.INVALID_INPUT, GRPC.INVALID_ARGUMENT),
  DATASET_UNSUPPORTED: row(EXIT.INVALID_INPUT, GRPC.INVALID_ARGUMENT),
  FHIR_NOT_FHIR: row(EXIT.INVALID_INPUT, GRPC.INVALID_ARGUMENT),
  FHIR_MALFORMED: row(EXIT.INVALID_INPUT, GRPC.INVALID_ARGUMENT),
  /** A .csv site file whose header is none of the legacy feed kinds (datasets/feeds/csvFeedRows.ts). */
  CSV_NOT_CSV: row(EXIT.INVALID_INPUT, GRPC.INVALID_ARGUMENT),
  /** An .hl7 site file that does not start with an MSH segment. */
  HL7_NOT_HL7: row(EXIT.INVALID_INPUT, GRPC.INVALID_ARGUMENT),
  // homomorphic encryption
  CODEC_PARAMETERS: row(EXIT.INVALID_INPUT, GRPC.INVALID_ARGUMENT),
  CODEC_MISMATCH: row(EXIT.MISMATCH, GRPC.FAILED_PRECONDITION),
  CIPHERTEXT_INVALID: row(EXIT.SECURITY, GRPC.INVALID_ARGUMENT),
  CIPHERTEXT_TRUNCATED: row(EXIT.SECURITY, GRPC.INVALID_ARGUMENT),
  CIPHERTEXT_OVERSIZE: row(EXIT.SECURITY, GRPC.RESOURCE_EXHAUSTED),
  CIPHERTEXT_WRONG_PARAMETERS: row(EXIT.SECURITY, GRPC.INVALID_ARGUMENT),
  CIPHERTEXT_COUNT: row(EXIT.SECURITY, GRPC.INVALID_ARGUMENT),
  KEY_INVALID: row(EXIT.SECURITY, GRPC.PERMISSION_DENIED),
  KEY_SEAL_OPEN_FAILED: row(EXIT.SECURITY, GRPC.PERMISSION_DENIED),
  KEY_ABSENT: row(EXIT.SECURITY, GRPC.FAILED_PRECONDITION),
  // chain and ledger
  CHAIN_UNAVAILABLE: row(EXIT.UNAVAILABLE, GRPC.UNAVAILABLE),
  CHAIN_START_FAILED: row(EXIT.UNAVAILABLE, GRPC.UNAVAILABLE),
  LEDGER_REVERTED: row(EXIT.CONFLICT, GRPC.FAILED_PRECONDITION),
  LEDGER_INPUT_INVALID: row(EXIT.INVALID_INPUT, GRPC.INVALID_ARGUMENT),
  LEDGER_NOT_DEPLOYED: row(EXIT.NOT_FOUND, GRPC.FAILED_PRECONDITION),
  LEDGER_ARTIFACT_STALE: row(EXIT.INTERNAL, GRPC.INTERNAL),
  MODEL_NOT_ON_LEDGER: row(EXIT.NOT_FOUND, GRPC.NOT_FOUND),
  MODEL_IN_SEVERAL_RUNS: row(EXIT.INVALID_INPUT, GRPC.FAILED_PRECONDITION),
  LINEAGE_BROKEN: row(EXIT.MISMATCH, GRPC.DATA_LOSS),
  /** The coordinator's store and the chain hold different models for a committed round. */
  CHAIN_DIVERGED: row(EXIT.MISMATCH, GRPC.DATA_LOSS),
  /** medfl replay: a committed round's stored aggregate, shares or update do not re-derive the chain's model hash. */
  REPLAY_MISMATCH: row(EXIT.MISMATCH, GRPC.DATA_LOSS),
  /** A round's commit did not reach its confirmations before the attestation deadline. */
  COMMIT_UNCONFIRMED: row(EXIT.UNAVAILABLE, GRPC.UNAVAILABLE),
  PROOF_INVALID: row(EXIT.MISMATCH, GRPC.FAILED_PRECONDITION),
  CHAIN_MISMATCH: row(EXIT.MISMATCH, GRPC.FAILED_PRECONDITION),
  ATTESTER_UNKNOWN: row(EXIT.SECURITY, GRPC.PERMISSION_DENIED),
  /** The ledger refused a run's write from an account that is not the run's coordinator (or holds no coordinator role). */
  LEDGER_NOT_RUN_COORDINATOR: row(EXIT.SECURITY, GRPC.PERMISSION_DENIED),
  /** A round attempt's set hash is already on chain: it is recorded once, so no site can be shown a second one. */
  ATTEMPT_ALREADY_CLOSED: row(EXIT.CONFLICT, GRPC.ALREADY_EXISTS),
  QUORUM_TOO_LOW: row(EXIT.SECURITY, GRPC.FAILED_PRECONDITION),
  /** `medfl card` or `medfl serve` of a model whose lineage, manifest or consortium/plan checks do not all pass: no card, no answers. */
  MODEL_NOT_VERIFIED: row(EXIT.MISMATCH, GRPC.FAILED_PRECONDITION),
  /** A FHIR resource medfl built fails FHIR R4 validation: a medfl bug, so it is never written. */
  FHIR_RESOURCE_INVALID: row(EXIT.INTERNAL, GRPC.INTERNAL),
  // provisioning and identity
  KIT_INVALID: row(EXIT.INVALID_INPUT, GRPC.INVALID_ARGUMENT),
  IDENTITY_MISMATCH: row(EXIT.SECURITY, GRPC.PERMISSION_DENIED),
  SIGNATURE_INVALID: row(EXIT.SECURITY, GRPC.UNAUTHENTICATED),
  CERTIFICATE_INVALID: row(EXIT.SECURITY, GRPC.UNAUTHENTICATED),
  // rounds
  RUN_NOT_FOUND: row(EXIT.NOT_FOUND, GRPC.NOT_FOUND),
  ROUND_CLOSED: row(EXIT.CONFLICT, GRPC.FAILED_PRECONDITION),
  ROUND_MISMATCH: row(EXIT.CONFLICT, GRPC.FAILED_PRECONDITION),
  ROUND_FAILED: row(EXIT.CONFLICT, GRPC.ABORTED),
  UPDATE_DUPLICATE: row(EXIT.CONFLICT, GRPC.ALREADY_EXISTS),
  UPDATE_INVALID: row(EXIT.INVALID_INPUT, GRPC.INVALID_ARGUMENT),
  /** An envelope or aggregate leaf claims more examples than the plan's per-site cap. */
  EXAMPLES_OVER_CAP: row(EXIT.SECURITY, GRPC.INVALID_ARGUMENT),
  RECEIPT_INVALID: row(EXIT.SECURITY, GRPC.PERMISSION_DENIED),
  UPDATE_OMITTED: row(EXIT.SECURITY, GRPC.FAILED_PRECONDITION),
  AGGREGATE_DIGEST_MISMATCH: row(EXIT.MISMATCH, GRPC.DATA_LOSS),
  /** A decrypted mean no honest round can produce (a coordinate or its norm beyond the plan's bounds). */
  AGGREGATE_OUT_OF_BOUNDS: row(EXIT.SECURITY, GRPC.FAILED_PRECONDITION),
  // aggregate: a site's check that the aggregate is the fold of exactly the signed updates its header lists
  CONTRIBUTION_SIGNATURE_INVALID: row(EXIT.MISMATCH, GRPC.FAILED_PRECONDITION),
  AGGREGATE_FORGED: row(EXIT.MISMATCH, GRPC.FAILED_PRECONDITION),
  ATTESTATION_INVALID: row(EXIT.SECURITY, GRPC.INVALID_ARGUMENT),
  STATE_TRANSITION_ILLEGAL: row(EXIT.INTERNAL, GRPC.FAILED_PRECONDITION),
  STORE_FAILED: row(EXIT.INTERNAL, GRPC.INTERNAL),
  STORE_LOCKED: row(EXIT.CONFLICT, GRPC.FAILED_PRECONDITION),
  TRANSPORT_UNAVAILABLE: row(EXIT.UNAVAILABLE, GRPC.UNAVAILABLE),
  SITE_LIMIT_EXCEEDED: row(EXIT.UNAVAILABLE, GRPC.RESOURCE_EXHAUSTED),
  WIRE_INVALID: row(EXIT.INVALID_INPUT, GRPC.INVALID_ARGUMENT),
  PEER_UNKNOWN: row(EXIT.SECURITY, GRPC.PERMISSION_DENIED),
  UPDATE_INCOMPLETE: row(EXIT.INVALID_INPUT, GRPC.INVALID_ARGUMENT),
  /** A resumed upload that does not continue the broken-off upload the coordinator holds (another update, another offset). */
  UPLOAD_RESUME_MISMATCH: row(EXIT.CONFLICT, GRPC.FAILED_PRECONDITION),
  RUN_STOPPED: row(EXIT.CONFLICT, GRPC.ABORTED),
  PARTY_EXITED: row(EXIT.UNAVAILABLE, GRPC.UNAVAILABLE),
  /** A party `medfl run` started (chain, coordinator, site) did not say it was ready in time: an overloaded machine, usually. */
  PARTY_NOT_READY: row(EXIT.UNAVAILABLE, GRPC.UNAVAILABLE),
  CODEC_ID_MISMATCH: row(EXIT.MISMATCH, GRPC.INVALID_ARGUMENT),
  // experiments (`medfl experiment`)
  EXPERIMENT_NOT_JSON: row(EXIT.INVALID_INPUT, GRPC.INVALID_ARGUMENT),
  /** An experiment or published-reference file that does not fit its format; the message lists every field. */
  EXPERIMENT_INVALID: row(EXIT.INVALID_INPUT, GRPC.INVALID_ARGUMENT),
  /** A `medfl run` or `medfl baseline` child of an experiment exited with an error or printed no valid result. */
  EXPERIMENT_CELL_FAILED: row(EXIT.MISMATCH, GRPC.ABORTED),
  /** A results file an experiment resumes from or reports on that is not one medfl wrote. */
  EXPERIMENT_RESULTS_INVALID: row(EXIT.INVALID_INPUT, GRPC.DATA_LOSS),
  // threshold key set-up: sealed Shamir shares relayed by the coordinator (issue 15)
  /** A key-share entry that is malformed, misaddressed, badly signed or does not open; the message names its sender. */
  KEY_SHARE_INVALID: row(EXIT.SECURITY, GRPC.INVALID_ARGUMENT),
  // threshold CKKS decryption (issue 15)
  KEY_SHARES_MISSING: row(EXIT.CONFLICT, GRPC.FAILED_PRECONDITION),
  SHARE_INVALID: row(EXIT.SECURITY, GRPC.INVALID_ARGUMENT),
  SHARE_NOT_EXPECTED: row(EXIT.CONFLICT, GRPC.FAILED_PRECONDITION),
  SHARE_CONFLICT: row(EXIT.CONFLICT, GRPC.ALREADY_EXISTS),
  DECRYPTION_SET_CHANGED: row(EXIT.SECURITY, GRPC.PERMISSION_DENIED),
  ATTEMPT_NOT_CLOSED: row(EXIT.UNAVAILABLE, GRPC.FAILED_PRECONDITION),
  /** A submission that does not carry one entry for every other site of the consortium: nothing of it is stored. */
  KEY_SHARES_INCOMPLETE: row(EXIT.INVALID_INPUT, GRPC.INVALID_ARGUMENT),
  /** A sender's entries differ from those it already submitted, which other sites may already hold. */
  KEY_SHARES_CONFLICT: row(EXIT.CONFLICT, GRPC.ALREADY_EXISTS),
  // bedside inference (`medfl predict`, `medfl serve`)
  /** A site's standardisation.json that does not fit its format. */
  STANDARDISATION_INVALID: row(EXIT.INVALID_INPUT, GRPC.INVALID_ARGUMENT),
  /** Standardisation from another plan or other features than the model's: its scale would give a wrong probability. */
  STANDARDISATION_MISMATCH: row(EXIT.MISMATCH, GRPC.FAILED_PRECONDITION),
  /** A patient file or request holding no vital sign the plan uses, for any patient or for the one asked for. */
  VITALS_MISSING: row(EXIT.INVALID_INPUT, GRPC.INVALID_ARGUMENT),
  /** The patient's latest window holds fewer values than the plan's windowing needs: no probability is made up. */
  VITALS_TOO_FEW: row(EXIT.INVALID_INPUT, GRPC.FAILED_PRECONDITION),
  /** The plan uses age and sex but the input lacks the patient's Patient resource. */
  PATIENT_MISSING: row(EXIT.INVALID_INPUT, GRPC.INVALID_ARGUMENT),
  /** Several patients in one input and none named. */
  PATIENT_AMBIGUOUS: row(EXIT.INVALID_INPUT, GRPC.INVALID_ARGUMENT),
  /** An HTTP request body that is not JSON or not a FHIR Bundle. */
  REQUEST_INVALID: row(EXIT.INVALID_INPUT, GRPC.INVALID_ARGUMENT),
  REQUEST_TOO_LARGE: row(EXIT.INVALID_INPUT, GRPC.RESOURCE_EXHAUSTED),
  // consent on chain: a site's signed root of the pseudonyms of the patients it trained on each round (issue 18)
  /** A consent proof file that is not a proof, or whose Merkle branches do not lead to the root it names. */
  CONSENT_PROOF_INVALID: row(EXIT.INVALID_INPUT, GRPC.INVALID_ARGUMENT),
  /** The chain's root for that site and round is not the proof's: the proof does not hold for what was committed. */
  CONSENT_ROOT_MISMATCH: row(EXIT.MISMATCH, GRPC.FAILED_PRECONDITION),
  /** No consent record for the round in the site's folder, or no committed contribution of the site in that round. */
  CONSENT_RECORD_MISSING: row(EXIT.NOT_FOUND, GRPC.NOT_FOUND),
} as const satisfies Record<string, Row>;

export type ErrorCode = keyof typeof ERROR_CODES;

export function exitCodeFor(code: ErrorCode): number {
  return ERROR_CODES[code].exit;
}

export function grpcStatusFor(code: ErrorCode): number {
  return ERROR_CODES[code].grpc;
}

export function isErrorCode(value: string): value is ErrorCode {
  return Object.hasOwn(ERROR_CODES, value);
}
