// Checks a contributions manifest (leaves with Merkle proofs) against a round's root as committed on the ledger.
import { z } from 'zod';
import type { Hash32 } from '../../common/canonicalJson.ts';
import { MedflError } from '../../common/MedflError.ts';
import { readJsonFile } from '../../common/readJsonFile.ts';
import { hash32 } from '../../common/wire/hash32.ts';
import { verifyContributionProof } from '../../common/wire/contributionsTree.ts';
import type { Lineage } from './Lineage.ts';

// A reviewer may write a manifest by hand in either case; hex case carries no meaning, so it is folded first.
const manifestHash = z.string().toLowerCase().pipe(hash32);
const manifestSchema = z.object({
  runId: z.string().optional(),
  round: z.number().int().positive().optional(),
  root: manifestHash,
  leaves: z
    .array(
      z.object({
        address: z.string().regex(/^0x[0-9a-fA-F]{40}$/, 'an Ethereum address'),
        examples: z.number().int().nonnegative(),
        digest: manifestHash,
        epsilonMicros: z.number().int().nonnegative(),
        consentRoot: manifestHash,
        proof: z.array(manifestHash),
      }),
    )
    .min(1),
});

export interface ManifestLeafCheck {
  readonly address: string;
  readonly examples: number;
  readonly digest: Hash32;
  /** The site's cumulative ε after the round in millionths: part of the leaf, so proven with it when proofValid. */
  readonly epsilonMicros: number;
  /** The site's consent root for the round: part of the leaf, so proven with it when proofValid. */
  readonly consentRoot: Hash32;
  readonly proofValid: boolean;
}

export interface ManifestCheck {
  readonly file: string;
  readonly runId: string;
  readonly round: number;
  readonly rootOnChain: Hash32;
  readonly leaves: ManifestLeafCheck[];
  readonly problems: string[];
}

/** Without runId/round the manifest is checked against the verified model's own round. */
export function checkManifest(file: string, lineage: Lineage): ManifestCheck {
  const manifest = readJsonFile(file, manifestSchema, 'contributions manifest');
  const runId = manifest.runId ?? lineage.runId;
  const roundNumber = manifest.round ?? lineage.rounds.at(-1)!.round;
  const round = lineage.rounds.find((entry) => entry.round === roundNumber);
  if (runId !== lineage.runId || !round) {
    throw new MedflError('PROOF_INVALID', `${file} is for run ${runId} round ${roundNumber}, which is not in this model's lineage (run ${lineage.runId}, rounds 1–${lineage.rounds.length})`);
  }
  const root = round.contributionsRoot;
  const leaves = manifest.leaves.map((leaf) => ({
    address: leaf.address,
    examples: leaf.examples,
    digest: leaf.digest,
    epsilonMicros: leaf.epsilonMicros,
    consentRoot: leaf.consentRoot,
    proofValid: verifyContributionProof(root, leaf, leaf.proof),
  }));
  const problems: string[] = [];
  if (manifest.root !== root) problems.push(`manifest root ${manifest.root} is not the committed root ${root} of round ${roundNumber}`);
  for (const leaf of leaves) if (!leaf.proofValid) problems.push(`the proof for ${leaf.address} (${leaf.examples} examples) does not lead to the committed root`);
  return { file, runId, round: roundNumber, rootOnChain: root, leaves, problems };
}
