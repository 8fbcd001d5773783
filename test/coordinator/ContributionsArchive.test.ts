// The coordinator's kept contributions manifests: written when a round commits, rebuilt from the store when lost.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { childLogger } from '../../common/log.ts';
import { contributionsManifestFile, manifestProblems } from '../../common/wire/contributionsManifest.ts';
import type { CommittedRound } from '../../common/wire/protocolTypes.ts';
import { ContributionsArchive } from '../../coordinator/ContributionsArchive.ts';
import type { StoredRound } from '../../coordinator/store/storedTypes.ts';
import { hashOf, siteWallets } from '../contracts/signedRound.ts';
import { NO_CONSENT_ROOT } from '../../common/consent/consentTree.ts';

const dir = mkdtempSync(join(tmpdir(), 'medfl-archive-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const contributions = siteWallets('archive-test', 3).map((wallet, index) => ({ site: `site-${index}`, address: wallet.address, examples: 10 + index, digest: hashOf(`update ${index}`), epsilonMicros: 100_000 * index, consentRoot: NO_CONSENT_ROOT }));
const commit = { round: 1, modelHash: hashOf('model 1'), txHash: '0x01', totalExamples: 33, attesters: ['site-0'], siteMetrics: [], contributions } as CommittedRound;
const store = { committedRound: (round: number) => (round === 1 ? ({ round: 1, attempt: 0, state: 'COMMITTED', commit } as unknown as StoredRound) : undefined) };

describe('ContributionsArchive', () => {
  it('keeps round-N.json in the store folder, in the format medfl verify --contributions reads, and serves it', () => {
    const archive = new ContributionsArchive(dir, store, childLogger('test'));
    archive.keep('run-7', commit);
    const kept = JSON.parse(readFileSync(join(dir, 'contributions', 'round-1.json'), 'utf8')) as Record<string, unknown>;
    expect(Object.keys(kept)).toEqual(['runId', 'round', 'root', 'leafEncoding', 'leaves']);
    const served = archive.manifest('run-7', 1);
    expect(served).toEqual(kept);
    expect(manifestProblems(served, { runId: 'run-7', round: 1 })).toEqual([]);
  });

  it('rebuilds a lost or damaged manifest from the committed round in the store, and keeps it again', () => {
    const archive = new ContributionsArchive(join(dir, 'other'), store, childLogger('test'));
    const rebuilt = archive.manifest('run-7', 1);
    expect(manifestProblems(rebuilt, { runId: 'run-7', round: 1 })).toEqual([]);
    writeFileSync(contributionsManifestFile(join(dir, 'other'), 1), '{"root":');
    expect(archive.manifest('run-7', 1)).toEqual(rebuilt);
    expect(JSON.parse(readFileSync(contributionsManifestFile(join(dir, 'other'), 1), 'utf8'))).toEqual(rebuilt);
  });

  it('refuses a round that has not committed with ROUND_MISMATCH', () => {
    const archive = new ContributionsArchive(dir, store, childLogger('test'));
    expect(() => archive.manifest('run-7', 2)).toThrow(expect.objectContaining({ code: 'ROUND_MISMATCH', message: 'round 2 is not committed, so it has no contributions manifest yet' }));
  });

  it('logs rather than throws when the manifest cannot be written: the round is on chain whatever happens here', () => {
    writeFileSync(join(dir, 'a-file'), '');
    const archive = new ContributionsArchive(join(dir, 'a-file'), store, childLogger('test'));
    expect(() => archive.keep('run-7', commit)).not.toThrow();
  });
});
