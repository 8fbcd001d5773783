import { describe, expect, it } from 'vitest';
import type { Hash32 } from '../../../common/canonicalJson.ts';
import { choosePlaintextParameters, createPlaintextCodec, createPlaintextSum } from '../../../common/he/createPlaintextCodec.ts';
import type { Consortium } from '../../../common/kit/Consortium.ts';
import { genesisModel } from '../../../common/model/genesis.ts';
import { modelHash } from '../../../common/model/modelHash.ts';
import { createStrategy } from '../../../common/strategies/createStrategy.ts';
import { chunksDigest } from '../../../common/wire/chunksDigest.ts';
import { contributionsRoot } from '../../../common/wire/contributionsRoot.ts';
import type { AggregateHeader, CommittedRound } from '../../../common/wire/protocolTypes.ts';
import type { AggregatePart } from '../../../common/wire/wireCodec.ts';
import type { TabularDataset } from '../../../datasets/tabular.ts';
import { adoptRound, type AdoptContext } from '../../../participant/node/adoptRound.ts';
import type { Candidate } from '../../../participant/node/deriveCandidate.ts';
import { nextGlobalModel } from '../../../participant/node/nextGlobalModel.ts';
import { testPlan } from '../../coordinator/helpers/testConsortium.ts';

const plan = testPlan();
const strategy = createStrategy(plan.strategy);
const global = genesisModel(plan);
const progress = { runId: '1', round: 1, modelHash: modelHash(global), strategyState: strategy.initialState() };
const params = choosePlaintextParameters({ parameterCount: global.weights.length, maxExamples: 100, chunkSize: 4 });
const codec = createPlaintextCodec(params);
const address = `0x${'1'.repeat(40)}`;
const consortium = { sites: [{ id: 'site-a', address }] } as unknown as Consortium;
const test: TabularDataset = { featureNames: ['x1', 'x2', 'x3'], features: Float32Array.from([1, 0, -1, -1, 0, 1]), labels: Float32Array.from([1, 0]), rows: 2 };

// The aggregate of round 2: site-a's update [0.5, 0.5, …] with 2 examples, built on `prevModelHash`.
const update = new Float32Array(global.weights.length).fill(0.5);
const sum = createPlaintextSum(params);
sum.foldUpdate([...codec.encryptUpdate(update, 2)]);
const data = sum.serialize();
const leaves = [{ site: 'site-a', address, examples: 2, digest: `0x${'d'.repeat(64)}` as Hash32 }];
const header = (prevModelHash: Hash32): AggregateHeader => ({
  runId: '1', round: 2, attempt: 0, codecId: params.codecId, aggregateDigest: chunksDigest(data), contributions: leaves,
  totalExamples: 2, contributionsRoot: contributionsRoot(leaves), chunkCount: data.length, prevModelHash,
});
const commit = (hash: Hash32): CommittedRound => ({ round: 2, modelHash: hash, txHash: '0xabc', totalExamples: 2, attesters: [address], siteMetrics: [], contributions: leaves });

/** A context on round 1's model whose chain holds `onChain` for round 2 and whose coordinator streams `parts`. */
function context(onChain: Hash32, parts: AggregatePart[]): { context: AdoptContext; fetched: () => number } {
  let fetched = 0;
  const client = {
    async *fetchAggregate() {
      fetched += 1;
      yield* parts;
    },
  };
  const ledger = { chainId: 31337, ledgerAddress: address, committedModelHash: async () => onChain };
  return { context: { codec, client, strategy, test, global, strategyState: progress.strategyState, site: 'site-a', consortium, ledger, progress }, fetched: () => fetched };
}

const next = nextGlobalModel(global, update, strategy, progress.strategyState);
const held: Candidate = { ...next, round: 2, metrics: { loss: 0.5, accuracy: 1, auroc: Number.NaN, brier: 0.2, examples: 2 } };

describe('adoptRound', () => {
  it('adopts the candidate it attested without a download, with provenance and a metrics line (no AUROC: null)', async () => {
    const { context: adopting, fetched } = context(next.modelHash, []);
    const adopted = await adoptRound(adopting, { runId: '1', round: 2, commit: commit(next.modelHash), candidate: held, trainLoss: 0.7 });
    expect(fetched()).toBe(0);
    expect(adopted.model).toBe(next.model);
    expect(adopted.progress).toEqual({ runId: '1', round: 2, modelHash: next.modelHash, strategyState: next.strategyState });
    expect(adopted.provenance).toMatchObject({ round: 2, prevModelHash: progress.modelHash, chainId: 31337, txHash: '0xabc', attesters: [address], contributors: leaves });
    expect(adopted.metricsLine).toEqual({ round: 2, site: 'site-a', modelHash: next.modelHash, txHash: '0xabc', trainLoss: 0.7, loss: 0.5, accuracy: 1, auroc: null, brier: 0.2, examples: 2 });
  });

  it('replays a round it did not attest from the committed aggregate, to the same model', async () => {
    const { context: replaying, fetched } = context(next.modelHash, [{ header: header(progress.modelHash) }, ...data.map((bytes, index) => ({ chunk: { index, data: bytes } }))]);
    const adopted = await adoptRound(replaying, { runId: '1', round: 2, candidate: { ...held, round: 1 } });
    expect(fetched()).toBe(1);
    expect(adopted.progress.modelHash).toBe(next.modelHash);
    expect(adopted.provenance).toMatchObject({ txHash: '', contributors: [], attesters: [] });
    expect(adopted.metricsLine).toMatchObject({ round: 2, trainLoss: null });
  });

  it('refuses a model the chain does not hold, and an aggregate that does not build on this node\'s model', async () => {
    const other = `0x${'e'.repeat(64)}` as Hash32;
    await expect(adoptRound(context(other, []).context, { runId: '1', round: 2, candidate: held })).rejects.toThrow(
      `this node computed ${next.modelHash} for round 2, but the chain holds ${other}`,
    );
    await expect(adoptRound(context(next.modelHash, [{ header: header(other) }]).context, { runId: '1', round: 2 })).rejects.toThrow(
      `round 2 builds on ${other}, not on this node's model ${progress.modelHash}`,
    );
  });
});
