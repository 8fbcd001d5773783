// Writes each committed round's contributions manifest (leaves + Merkle proofs), the file `medfl verify --contributions` checks.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CommittedRound } from '../common/wire/protocolTypes.ts';
import { buildContributionsTree } from '../contracts/contributionsTree.ts';

export function contributionsManifestFile(workDir: string, round: number): string {
  return join(workDir, 'contributions', `round-${round}.json`);
}

export function writeContributionsManifest(workDir: string, runId: string, commit: CommittedRound): string {
  const leaves = commit.contributions.map(({ address, examples, digest }) => ({ address, examples, digest }));
  const { manifest } = buildContributionsTree(leaves, { runId, round: commit.round });
  const file = contributionsManifestFile(workDir, commit.round);
  mkdirSync(join(workDir, 'contributions'), { recursive: true });
  writeFileSync(file, `${JSON.stringify(manifest, null, 2)}\n`);
  return file;
}
