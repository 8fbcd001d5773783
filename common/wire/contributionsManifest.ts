// A committed round's contributions manifest (leaves + Merkle proofs), the file `medfl verify --contributions` checks.
// The standalone coordinator keeps one per round and serves it, each site saves it next to its model, `medfl run`
// writes it too: one builder and one file layout for all of them.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CommittedRound } from './protocolTypes.ts';
import { buildContributionsTree, CONTRIBUTION_LEAF_ENCODING, verifyContributionProof, type ContributionsManifest } from './contributionsTree.ts';

/** A manifest that names its run and round, as every one medfl writes does. */
export type RoundManifest = ContributionsManifest & { readonly runId: string; readonly round: number };

export function contributionsManifestFile(dir: string, round: number): string {
  return join(dir, 'contributions', `round-${round}.json`);
}

/** The manifest of `commit`'s contributions: every leaf with its proof to the root committed on chain. */
export function contributionsManifest(runId: string, commit: Pick<CommittedRound, 'round' | 'contributions'>): RoundManifest {
  const leaves = commit.contributions.map(({ address, examples, digest, epsilonMicros, consentRoot }) => ({ address, examples, digest, epsilonMicros, consentRoot }));
  return { runId, round: commit.round, ...buildContributionsTree(leaves).manifest };
}

/** Writes `dir/contributions/round-N.json` whole (a temporary file renamed into place); returns its path. */
export function writeContributionsManifest(dir: string, manifest: RoundManifest): string {
  const file = contributionsManifestFile(dir, manifest.round);
  mkdirSync(join(dir, 'contributions'), { recursive: true });
  writeFileSync(`${file}.tmp`, `${JSON.stringify(manifest, null, 2)}\n`);
  renameSync(`${file}.tmp`, file);
  return file;
}

/**
 * What is wrong with a manifest someone else built for run `runId` round `round`: another round, another leaf
 * encoding, a proof that does not lead to its root. Whether that root is the one on chain is `medfl verify`'s check.
 */
export function manifestProblems(manifest: ContributionsManifest, expected: { runId: string; round: number }): string[] {
  const problems: string[] = [];
  if (manifest.runId !== expected.runId || manifest.round !== expected.round) {
    problems.push(`it is for run ${manifest.runId ?? '?'} round ${manifest.round ?? '?'}, not run ${expected.runId} round ${expected.round}`);
  }
  if (manifest.leafEncoding.join(',') !== CONTRIBUTION_LEAF_ENCODING.join(',')) problems.push(`its leaf encoding is ${manifest.leafEncoding.join(',')}`);
  if (manifest.leaves.length === 0) problems.push('it lists no contribution');
  for (const leaf of manifest.leaves) {
    if (!verifyContributionProof(manifest.root, leaf, leaf.proof)) problems.push(`the proof for ${leaf.address} does not lead to its root`);
  }
  return problems;
}
