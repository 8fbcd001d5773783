// The consent proof file `medfl consent prove` writes and `medfl consent check` reads: one patient, one site, one
// round; everything a checker needs except the chain, and nothing about any other patient but two neighbouring
// pseudonyms.
import { z } from 'zod';
import { hash32 } from '../wire/hash32.ts';

export const CONSENT_PROOF_FORMAT = 'medfl-consent-proof/1';

const branchSchema = z.object({
  index: z.number().int().nonnegative(),
  pseudonym: hash32,
  siblings: z.array(hash32).max(64),
});

export const consentProofSchema = z.object({
  format: z.literal(CONSENT_PROOF_FORMAT),
  /** A decimal run number as the ledger counts runs (the chain lookup takes it as a uint256). */
  runId: z.string().regex(/^[1-9][0-9]{0,76}$/, 'a run id (1, 2, …)'),
  round: z.number().int().positive(),
  site: z.string().min(1),
  /** The site's Ethereum address: its ContributionRecorded event carries the root. */
  siteAddress: z.string().regex(/^0x[0-9a-fA-F]{40}$/, 'an Ethereum address'),
  patient: z.string().min(1),
  /** The site's per-run secret for this patient (common/consent/consentPseudonym.ts); the same in every round of the run. */
  opening: hash32,
  pseudonym: hash32,
  consentRoot: hash32,
  kind: z.enum(['inclusion', 'exclusion']),
  leafCount: z.number().int().nonnegative(),
  branches: z.array(branchSchema).max(2),
});

export type ConsentProof = z.infer<typeof consentProofSchema>;
