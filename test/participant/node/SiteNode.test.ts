import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Kit } from '../../../common/kit/loadKit.ts';
import { planHash } from '../../../common/plan/planHash.ts';
import { contributionsManifest, type RoundManifest } from '../../../common/wire/contributionsManifest.ts';
import type { RunStatus } from '../../../common/wire/protocolTypes.ts';
import type { SiteLedger } from '../../../participant/ports.ts';
import { SiteNode, type SiteConnection } from '../../../participant/node/SiteNode.ts';
import { SiteState } from '../../../participant/node/SiteState.ts';
import { testPlan } from '../../coordinator/helpers/testConsortium.ts';
import { address, aggregateParts, candidateContext, codec, consortium, global, header, leaves, next, progress, strategy } from './helpers/roundFixture.ts';

const plan = testPlan();
const dirs: string[] = [];
// These statuses ask for no upload, attestation or chain read beyond the commit: any such call is a test failure.
const unexpected = async (): Promise<never> => {
  throw new Error('the node made a call these statuses do not ask for');
};
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** What the node's operator approved; the in-process ledger double reports the same run with quorum 3. */
const approved = { planHash: planHash(plan), genesisModelHash: progress.modelHash, sitesHash: `0x${'5'.repeat(64)}` as const, quorum: 2, coordinator: address };

/** A node on round 1 of run 1 whose coordinator streams the round-2 aggregate and whose chain committed its model. */
function siteNode(
  served: (round: number) => Promise<RoundManifest> = async (round) => contributionsManifest('1', { round, contributions: leaves }),
  aggregate = header(progress.modelHash),
): { node: SiteNode; client: SiteConnection; outDir: string; fetched: () => number } {
  const outDir = mkdtempSync(join(tmpdir(), 'medfl-site-node-'));
  dirs.push(outDir);
  const { context, fetched } = candidateContext(aggregateParts(aggregate));
  const ledger: SiteLedger = { chainId: 31337, ledgerAddress: address, committedModelHash: async () => next.modelHash, run: async () => ({ ...approved, quorum: 3 }), latestModel: unexpected, signAttestation: unexpected, closedAttempt: unexpected, receiptSigner: () => {
    throw new Error('the node checked a receipt these statuses do not hand it');
  } };
  const kit = { id: 'site-a', dir: outDir, consortium } as unknown as Kit;
  const split = { site: 'site-a', train: context.test, test: context.test };
  const parts = { kit, plan, planHash: planHash(plan), approvedRun: approved, split, codec, ledger, strategy, state: new SiteState(outDir) };
  const client: SiteConnection = {
    fetchAggregate: context.client.fetchAggregate, submitUpdate: unexpected, uploadOffset: unexpected, submitAttestation: unexpected, getContributions: served,
    submitKeyShares: unexpected, fetchKeyShares: () => { throw new Error('a node of a single-key run fetched key shares'); }, submitDecryptionShare: unexpected,
  };
  return { node: new SiteNode(parts, { model: global, progress }), client, outDir, fetched };
}

const status = (fields: Partial<RunStatus>): RunStatus => ({
  runId: '1', planHash: planHash(plan), runState: 'RUNNING', round: 2, roundState: 'COLLECTING', updatesIn: [], attestationsIn: [], totalRounds: 2, failure: '', ...fields,
});
const commit = { round: 2, modelHash: next.modelHash, txHash: '0xabc', totalExamples: 2, attesters: [address], siteMetrics: [], contributions: leaves };

/** Round 2's task, due in a minute. */
const roundTwoTask = () => ({
  runId: '1', round: 2, attempt: 0, planHash: planHash(plan), prevModelHash: progress.modelHash, deadlineUnixMs: Date.now() + 60_000,
  minUpdates: 1, codecId: codec.codecId, chunkCount: 1, expectedSites: ['site-a'], proximalMu: 0, keyHolders: [],
});

describe('SiteNode (in-process ledger and coordinator doubles)', () => {
  it('adopts a committed round once: saved to --out, then its progress, and a repeated status is a no-op', async () => {
    const { node, client, outDir, fetched } = siteNode();
    expect(await node.onStatus(status({ runState: 'COMPLETED', lastCommit: commit }), client)).toBe(true);
    expect(node.progress).toMatchObject({ runId: '1', round: 2, modelHash: next.modelHash });
    expect(new SiteState(outDir).load()?.progress.modelHash).toBe(next.modelHash);
    expect(existsSync(join(node.modelDir, 'provenance.json'))).toBe(true);
    expect(await node.onStatus(status({ runState: 'COMPLETED', lastCommit: commit }), client)).toBe(true);
    expect(fetched()).toBe(1);
    expect(readFileSync(join(outDir, 'metrics.jsonl'), 'utf8').trim().split('\n')).toHaveLength(1);
  });

  it('saves the adopted round\'s contributions manifest in --out/contributions, and only one for its run and round', async () => {
    const { node, client, outDir } = siteNode();
    await node.onStatus(status({ runState: 'COMPLETED', lastCommit: commit }), client);
    expect(JSON.parse(readFileSync(join(outDir, 'contributions', 'round-2.json'), 'utf8'))).toEqual(contributionsManifest('1', { round: 2, contributions: leaves }));
    const other = siteNode(async (round) => contributionsManifest('1', { round: round + 1, contributions: leaves }));
    await other.node.onStatus(status({ runState: 'COMPLETED', lastCommit: commit }), other.client);
    expect(other.node.progress.round).toBe(2);
    expect(existsSync(join(other.outDir, 'contributions', 'round-2.json'))).toBe(false);
  });

  it('is not done before the last round, refuses another run, and stops with the coordinator', async () => {
    const { node, client, outDir } = siteNode();
    expect(await node.onStatus(status({ runState: 'COMPLETED' }), client)).toBe(false);
    await expect(node.onStatus(status({ runId: '2' }), client)).rejects.toThrow(`${outDir} follows run 1, but the coordinator runs 2; use another --out`);
    await expect(node.onStatus(status({ runState: 'STOPPED', failure: 'too few updates' }), client)).rejects.toThrow('the coordinator stopped the run: too few updates');
  });

  it('refuses to contribute to a run whose facts on chain differ from what its operator approved, before training', async () => {
    const { node, client } = siteNode();
    const task = roundTwoTask();
    await expect(node.onStatus(status({ task }), client)).rejects.toMatchObject({
      code: 'RUN_MISMATCH', message: 'run 1 on the ledger is not the run this site approved: quorum 3, not the plan\'s 2',
    });
  });

  it('restarted mid-round, refuses as UPDATE_OMITTED an aggregate that leaves out the update it holds a receipt for, before decrypting', async () => {
    const { node, client, outDir, fetched } = siteNode();
    const receipt = { runId: '1', round: 2, attempt: 0, site: address, digest: `0x${'e'.repeat(64)}` as const, signature: `0x${'5'.repeat(130)}` };
    new SiteState(outDir).saveReceipt({ receipt, examples: 2 });
    const task = roundTwoTask();
    await expect(node.onStatus(status({ task, roundState: 'ATTESTING' }), client)).rejects.toMatchObject({
      code: 'UPDATE_OMITTED', message: expect.stringContaining(`leaves out site-a's update ${receipt.digest} (2 examples), although the coordinator signed a receipt for it`),
    });
    expect(fetched()).toBe(1);
  });

  it('does not attest an aggregate whose leaf its site did not sign, and says which check failed', async () => {
    const forged = header(progress.modelHash);
    const signature = Uint8Array.from(forged.contributions[0]!.envelopeSignature);
    signature[0] = signature[0]! ^ 1;
    // signAttestation and submitAttestation are the `unexpected` doubles: reaching either fails with another message.
    const { node, client } = siteNode(undefined, { ...forged, contributions: [{ ...forged.contributions[0]!, envelopeSignature: signature }] });
    const task = roundTwoTask();
    await expect(node.onStatus(status({ task, roundState: 'ATTESTING' }), client)).rejects.toMatchObject({
      code: 'CONTRIBUTION_SIGNATURE_INVALID', exitCode: 4, message: expect.stringMatching(/^the aggregate's leaf for site-a is not the update envelope site-a signed/),
    });
  });
});
