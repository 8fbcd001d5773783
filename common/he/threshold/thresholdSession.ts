// Which decryption a share or an opening is for: the round attempt, the contributors U whose updates the aggregate
// folds and the decryptors T. Sites are Shamir points x = 1 + their index in the consortium list.
import { canonicalJson } from '../../canonicalJson.ts';
import { MedflError } from '../../MedflError.ts';
import type { CkksParameters } from '../ckksParameters.ts';
import type { CheckedAttempt } from '../sumCheckKey.ts';

export interface ThresholdSession {
  readonly attempt: CheckedAttempt;
  /** Points of the sites whose updates the aggregate folds (U). */
  readonly contributors: readonly number[];
  /** Points of the sites that decrypt (T): exactly `threshold` of them; the smallest adds the mask. */
  readonly decryptors: readonly number[];
}

const sorted = (points: readonly number[]) => [...points].sort((a, b) => a - b);

function checkSet(name: string, points: readonly number[], size: { min: number; max: number }, maxPoint: number): void {
  const ok = points.length >= size.min && points.length <= size.max && new Set(points).size === points.length
    && points.every((x) => Number.isInteger(x) && x >= 1 && x <= maxPoint);
  if (!ok) {
    const count = size.min === size.max ? `${size.min}` : `${size.min}..${size.max}`;
    throw new MedflError('CODEC_PARAMETERS', `${name} must be ${count} distinct site points in 1..${maxPoint}, got [${points.join(', ')}]`);
  }
}

/** Refuses sets the parameters do not allow: every party checks the same way before it computes anything. */
export function checkSession(params: CkksParameters, session: ThresholdSession): void {
  const threshold = params.threshold ?? 0;
  checkSet('the contributors', session.contributors, { min: 1, max: params.maxSites }, params.maxSites);
  checkSet('the decryptors', session.decryptors, { min: threshold, max: threshold }, params.maxSites);
}

/** The masker: the decryptor with the smallest point, so every party agrees without a message. */
export const maskerOf = (session: ThresholdSession): number => Math.min(...session.decryptors);

/**
 * HKDF info of one chunk's mask and smudging noise. U and T are in it: were the mask the same for two decryptions of
 * one attempt with different contributors, their difference would hand the coordinator an unmasked a·s_A, and with
 * site A's own c0, A's update.
 */
export function sessionInfo(codecId: string, session: ThresholdSession, chunk: number): string {
  const { runId, round, attempt } = session.attempt;
  return canonicalJson([codecId, runId, round, attempt, sorted(session.contributors), sorted(session.decryptors), chunk]);
}
