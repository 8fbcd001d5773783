// One round-2 aggregate over the plaintext codec, on the test plan's genesis model, for the site steps' unit tests.
import type { Hash32 } from '../../../../common/canonicalJson.ts';
import { choosePlaintextParameters, createPlaintextCodec, createPlaintextSum } from '../../../../common/he/createPlaintextCodec.ts';
import { meanBounds } from '../../../../common/he/meanBounds.ts';
import nacl from 'tweetnacl';
import type { Consortium } from '../../../../common/kit/Consortium.ts';
import { logger } from '../../../../common/log.ts';
import { genesisModel } from '../../../../common/model/genesis.ts';
import { modelHash } from '../../../../common/model/modelHash.ts';
import { createStrategy } from '../../../../common/strategies/createStrategy.ts';
import { chunksDigest } from '../../../../common/wire/chunksDigest.ts';
import { contributionsRoot } from '../../../../common/wire/contributionsRoot.ts';
import { signEnvelope } from '../../../../common/wire/envelopeSigning.ts';
import type { AggregateHeader } from '../../../../common/wire/protocolTypes.ts';
import type { AggregatePart } from '../../../../common/wire/wireCodec.ts';
import type { TabularDataset } from '../../../../datasets/tabular.ts';
import type { CandidateContext } from '../../../../participant/node/deriveCandidate.ts';
import { nextGlobalModel } from '../../../../participant/node/nextGlobalModel.ts';
import { testPlan } from '../../../coordinator/helpers/testConsortium.ts';
import { NO_CONSENT_ROOT } from '../../../../common/consent/consentTree.ts';

const plan = testPlan();
export const strategy = createStrategy(plan.strategy, plan.consortium);
export const global = genesisModel(plan);
export const progress = { runId: '1', round: 1, modelHash: modelHash(global), strategyState: strategy.initialState() };
const params = choosePlaintextParameters({ parameterCount: global.weights.length, maxExamples: 100, chunkSize: 4 });
export const codec = createPlaintextCodec(params);
export const address = `0x${'1'.repeat(40)}`;
const keys = nacl.sign.keyPair.fromSeed(new Uint8Array(32).fill(1));
export const consortium = { sites: [{ id: 'site-a', address, signingPublicKey: Buffer.from(keys.publicKey).toString('base64') }] } as unknown as Consortium;
const test: TabularDataset = { featureNames: ['x1', 'x2', 'x3'], features: Float32Array.from([1, 0, -1, -1, 0, 1]), labels: Float32Array.from([1, 0]), rows: 2 };

/** site-a's update [0.5, 0.5, …] with 2 examples, and the model every site derives from it. */
const update = new Float32Array(global.weights.length).fill(0.5);
export const next = nextGlobalModel(global, update, strategy, progress.strategyState);
const sum = createPlaintextSum(params);
sum.foldUpdate([...codec.encryptUpdate(update, 2)]);
const data = sum.serialize();
const digest = `0x${'d'.repeat(64)}` as Hash32;
const maskedFingerprint = new Uint8Array(0); // the plaintext codec has no sum check
const signed = signEnvelope({ runId: '1', round: 2, attempt: 0, site: 'site-a', examples: 2, codecId: params.codecId, digest, chunkCount: data.length, maskedFingerprint, epsilonMicros: 0, consentRoot: NO_CONSENT_ROOT }, keys.secretKey);
export const leaves = [{ site: 'site-a', address, examples: 2, digest, epsilonMicros: 0, consentRoot: NO_CONSENT_ROOT, maskedFingerprint, envelopeSignature: signed.signature }];

export const header = (prevModelHash: Hash32): AggregateHeader => ({
  runId: '1', round: 2, attempt: 0, codecId: params.codecId, aggregateDigest: chunksDigest(data), contributions: leaves,
  totalExamples: 2, contributionsRoot: contributionsRoot(leaves), chunkCount: data.length, prevModelHash, decryptors: [], setHash: '', decryptionShares: [],
});

/** The whole stream of the round's aggregate: header, then chunks. */
export const aggregateParts = (head: AggregateHeader): AggregatePart[] => [{ header: head }, ...data.map((bytes, index) => ({ chunk: { index, data: bytes } }))];

/** What deriving a candidate needs, over a coordinator client that streams `parts` and counts its downloads. */
export function candidateContext(parts: AggregatePart[]): { context: CandidateContext; fetched: () => number } {
  let fetched = 0;
  const client = {
    async *fetchAggregate() {
      fetched += 1;
      yield* parts;
    },
  };
  const bounds = meanBounds(plan.privacy, params);
  return {
    context: { codec, client, consortium, log: logger(), strategy, test, global, strategyState: progress.strategyState, exampleCap: params.maxExamples, meanBounds: bounds },
    fetched: () => fetched,
  };
}
