// A contributions manifest is checked against the committed root; hex case in a hand-written manifest carries no meaning.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildContributionsTree } from '../../../common/wire/contributionsTree.ts';
import { checkManifest } from '../../../contracts/lineage/checkManifest.ts';
import type { Lineage, LineageRound } from '../../../contracts/lineage/Lineage.ts';
import { NO_CONSENT_ROOT } from '../../../common/consent/consentTree.ts';

const dir = mkdtempSync(join(tmpdir(), 'medfl-manifest-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const digest = (c: string) => `0x${c.repeat(64)}` as const;
const tree = buildContributionsTree([
  { address: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8', examples: 40, digest: digest('a'), epsilonMicros: 1_500_000, consentRoot: NO_CONSENT_ROOT },
  { address: '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC', examples: 60, digest: digest('b'), epsilonMicros: 0, consentRoot: NO_CONSENT_ROOT },
]);
const lineage = { runId: '1', rounds: [{ round: 1, contributionsRoot: tree.root } as LineageRound] } as Lineage;

function manifestFile(name: string, value: unknown): string {
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(value));
  return file;
}

describe('checkManifest', () => {
  it('accepts a manifest written in upper-case hex', () => {
    const upper = (hash: string) => `0x${hash.slice(2).toUpperCase()}`;
    const manifest = {
      root: upper(tree.root),
      leaves: tree.manifest.leaves.map((leaf) => ({ ...leaf, digest: upper(leaf.digest), proof: leaf.proof.map(upper) })),
    };
    const check = checkManifest(manifestFile('upper.json', manifest), lineage);
    expect(check.problems).toEqual([]);
    expect(check.leaves.map((leaf) => leaf.proofValid)).toEqual([true, true]);
  });

  it('reports each leaf\'s ε as proven, and a leaf whose ε was changed as not leading to the committed root', () => {
    expect(checkManifest(manifestFile('spend.json', tree.manifest), lineage).leaves.map((leaf) => [leaf.epsilonMicros, leaf.proofValid])).toEqual([[1_500_000, true], [0, true]]);
    const understated = { ...tree.manifest, leaves: tree.manifest.leaves.map((leaf, index) => (index === 0 ? { ...leaf, epsilonMicros: 1_000_000 } : leaf)) };
    const check = checkManifest(manifestFile('understated.json', understated), lineage);
    expect(check.leaves.map((leaf) => leaf.proofValid)).toEqual([false, true]);
    expect(check.problems).toEqual([`the proof for ${tree.manifest.leaves[0]!.address} (40 examples) does not lead to the committed root`]);
  });

  it('names a leaf without its ε (a manifest from before the spend was part of the leaf)', () => {
    const file = manifestFile('old.json', { ...tree.manifest, leaves: tree.manifest.leaves.map(({ epsilonMicros: _, ...leaf }) => leaf) });
    expect(() => checkManifest(file, lineage)).toThrow(expect.objectContaining({ code: 'FILE_UNREADABLE', message: expect.stringContaining('leaves.0.epsilonMicros') }));
  });

  it('names the field that is not a hash', () => {
    const file = manifestFile('short.json', { ...tree.manifest, root: '0x1234' });
    expect(() => checkManifest(file, lineage)).toThrow(expect.objectContaining({ code: 'FILE_UNREADABLE', message: `contributions manifest ${file} is invalid: root: a 0x-prefixed lower-case 32-byte hex hash` }));
  });
});
