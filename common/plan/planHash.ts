// planHash: the identity of a plan on chain and in every RoundTask.
import { canonicalHash, type Hash32 } from '../canonicalJson.ts';
import type { Plan } from './planSchema.ts';

/**
 * sha256 of the RFC 8785 canonical JSON of the validated plan, defaults filled in: a plan that spells out a
 * default and one that omits it are the same plan and share a hash; key order and whitespace never matter.
 */
export function planHash(plan: Plan): Hash32 {
  return canonicalHash(plan);
}
