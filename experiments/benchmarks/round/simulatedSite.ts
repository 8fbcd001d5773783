// One site's part of a round without local training (identical for both codecs, so left out of the comparison):
// a clipped random update encrypted with the run's codec, signed and streamed; then the aggregate fetched, decrypted,
// applied with FedAvg, hashed and attested. Everything else is the real protocol.
import type { Kit } from '../../../common/kit/loadKit.ts';
import { withWeights, type ModelArtifact } from '../../../common/model/ModelArtifact.ts';
import { modelHash } from '../../../common/model/modelHash.ts';
import type { Plan } from '../../../common/plan/planSchema.ts';
import { seededRandom } from '../../../common/seededRandom.ts';
import { FedAvg } from '../../../common/strategies/FedAvg.ts';
import { chunksDigest } from '../../../common/wire/chunksDigest.ts';
import { signEnvelope } from '../../../common/wire/envelopeSigning.ts';
import type { RoundTask } from '../../../common/wire/protocolTypes.ts';
import type { SiteCodec, SiteLedger } from '../../../participant/node/adapters.ts';
import { CoordinatorClient } from '../../../participant/node/CoordinatorClient.ts';
import { clipToNorm } from '../../../participant/node/prepareUpdate.ts';

export interface SimulatedSite {
  readonly kit: Kit;
  readonly client: CoordinatorClient;
  readonly codec: SiteCodec;
  readonly ledger: SiteLedger;
}

export function connectSite(address: string, kit: Kit, codec: SiteCodec, ledger: SiteLedger): SimulatedSite {
  return { kit, codec, ledger, client: CoordinatorClient.connect(address, kit.tls, kit.consortium.coordinator) };
}

export async function submitUpdate(site: SimulatedSite, task: RoundTask, plan: Plan, parameters: number): Promise<void> {
  const random = seededRandom(7, site.kit.id);
  const raw = Float32Array.from({ length: parameters }, () => random.float() - 0.5);
  const { clipped } = clipToNorm(raw, plan.privacy.clipNorm);
  const examples = 100;
  const chunks = [...site.codec.encryptUpdate(clipped, examples)];
  const fields = { runId: task.runId, round: task.round, attempt: task.attempt, site: site.kit.id, examples, codecId: site.codec.codecId, digest: chunksDigest(chunks), chunkCount: chunks.length };
  await site.client.submitUpdate(signEnvelope(fields, site.kit.signingSecretKey!), chunks);
}

export async function attestRound(site: SimulatedSite, round: number, global: ModelArtifact): Promise<void> {
  const { header, chunks } = await site.client.fetchAggregate(round);
  const mean = site.codec.decryptAggregate(chunks.map((chunk) => chunk.data), header.totalExamples);
  const strategy = new FedAvg();
  const next = withWeights(global, strategy.aggregateFit(global.weights, mean, strategy.initialState()).weights);
  const fields = {
    runId: header.runId, round, prevModelHash: header.prevModelHash, modelHash: modelHash(next), aggregateDigest: header.aggregateDigest,
    contributionsRoot: header.contributionsRoot, totalExamples: header.totalExamples,
  };
  const signature = await site.ledger.signAttestation(fields);
  const metrics = { loss: 0, accuracy: 0, auroc: 0, brier: 0, examples: 0 };
  await site.client.submitAttestation({ ...fields, attempt: header.attempt, site: site.kit.id, signature, metrics });
}
