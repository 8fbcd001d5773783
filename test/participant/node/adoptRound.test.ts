import { describe, expect, it } from 'vitest';
import type { Hash32 } from '../../../common/canonicalJson.ts';
import type { AggregatePart } from '../../../common/wire/wireCodec.ts';
import { adoptRound, type AdoptContext } from '../../../participant/node/adoptRound.ts';
import type { Candidate } from '../../../participant/node/deriveCandidate.ts';
import { address, aggregateParts, candidateContext, consortium, header, leaves, next, progress } from './helpers/roundFixture.ts';

/**
 * A context on round 1's model whose coordinator streams `parts` and whose chain holds `onChain` for round 2: at once,
 * or (a chain that lost round 2) only from its `heldAfter`-th read on.
 */
function context(onChain: Hash32, parts: AggregatePart[], heldAfter = 0): { context: AdoptContext; fetched: () => number } {
  const { context: base, fetched } = candidateContext(parts);
  let reads = 0;
  const held = () => reads >= heldAfter;
  const ledger = {
    chainId: 31337,
    ledgerAddress: address,
    committedModelHash: async () => (held() ? onChain : undefined),
    latestModel: async () => {
      reads += 1;
      return held() ? { round: 2, modelHash: onChain } : { round: 1, modelHash: progress.modelHash };
    },
  };
  return { context: { ...base, site: 'site-a', consortium, ledger, progress, pollMs: 10 }, fetched };
}

const soon = () => Date.now() + 2_000;

const commit = { round: 2, modelHash: next.modelHash, txHash: '0xabc', totalExamples: 2, attesters: [address], siteMetrics: [], contributions: leaves };
const held: Candidate = { ...next, round: 2, attempt: 0, contributors: ['site-a'], metrics: { loss: 0.5, accuracy: 1, auroc: null, auprc: null, brier: 0.2, positiveRate: 1, examples: 2 } };

describe('adoptRound (in-process ledger and coordinator doubles)', () => {
  it('adopts the candidate it attested without a download, with provenance and a metrics line (no AUROC or AUPRC: null)', async () => {
    const { context: adopting, fetched } = context(next.modelHash, []);
    const adopted = await adoptRound(adopting, { runId: '1', round: 2, commit, candidate: held, trainLoss: 0.7, waitUntilUnixMs: soon() });
    expect(fetched()).toBe(0);
    expect(adopted.model).toBe(next.model);
    expect([adopted.attempt, adopted.contributors]).toEqual([0, ['site-a']]);
    expect(adopted.progress).toEqual({ runId: '1', round: 2, modelHash: next.modelHash, strategyState: next.strategyState });
    expect(adopted.provenance).toMatchObject({ round: 2, prevModelHash: progress.modelHash, chainId: 31337, txHash: '0xabc', attesters: [address], contributors: leaves });
    expect(adopted.metricsLine).toEqual({ round: 2, site: 'site-a', modelHash: next.modelHash, txHash: '0xabc', trainLoss: 0.7, loss: 0.5, accuracy: 1, auroc: null, auprc: null, brier: 0.2, positiveRate: 1, examples: 2 });
  });

  it('replays a round it did not attest from the committed aggregate, to the same model', async () => {
    const { context: replaying, fetched } = context(next.modelHash, aggregateParts(header(progress.modelHash)));
    const adopted = await adoptRound(replaying, { runId: '1', round: 2, candidate: { ...held, round: 1 }, waitUntilUnixMs: soon() });
    expect(fetched()).toBe(1);
    expect(adopted.progress.modelHash).toBe(next.modelHash);
    expect([adopted.attempt, adopted.contributors]).toEqual([0, ['site-a']]);
    expect(adopted.provenance).toMatchObject({ txHash: '', contributors: [], attesters: [] });
    expect(adopted.metricsLine).toMatchObject({ round: 2, trainLoss: null });
  });

  it('refuses a model the chain does not hold, and an aggregate that does not build on this node\'s model', async () => {
    const other = `0x${'e'.repeat(64)}` as Hash32;
    await expect(adoptRound(context(other, []).context, { runId: '1', round: 2, candidate: held, waitUntilUnixMs: soon() })).rejects.toThrow(
      `this node computed ${next.modelHash} for round 2, but the chain holds ${other}`,
    );
    await expect(adoptRound(context(next.modelHash, [{ header: header(other) }]).context, { runId: '1', round: 2, waitUntilUnixMs: soon() })).rejects.toThrow(
      `round 2 builds on ${other}, not on this node's model ${progress.modelHash}`,
    );
  });

  it('waits for a chain that lost the round until the coordinator commits it again, then adopts it', async () => {
    const adopted = await adoptRound(context(next.modelHash, [], 3).context, { runId: '1', round: 2, commit, candidate: held, waitUntilUnixMs: soon() });
    expect(adopted.progress).toMatchObject({ round: 2, modelHash: next.modelHash });
  });

  it('gives up with LINEAGE_BROKEN when the lost round is not back by the deadline', async () => {
    const started = Date.now();
    const waiting = adoptRound(context(next.modelHash, [], 1_000_000).context, { runId: '1', round: 2, candidate: held, waitUntilUnixMs: started + 300 });
    await expect(waiting).rejects.toMatchObject({ code: 'LINEAGE_BROKEN' });
    await expect(waiting).rejects.toThrow(/the chain's latest round of run 1 is 1, below round 2 this node adopted, and the coordinator did not commit it again by/);
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});
