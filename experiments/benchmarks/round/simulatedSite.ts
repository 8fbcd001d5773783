// A simulated site for the coordinator-memory bench: a clipped random update encrypted with the run's codec,
// signed and streamed over the real mTLS gRPC protocol (no training: the coordinator's memory is the question).
import type { Kit } from '../../../common/kit/loadKit.ts';
import type { Plan } from '../../../common/plan/planSchema.ts';
import { seededRandom } from '../../../common/seededRandom.ts';
import type { RoundTask } from '../../../common/wire/protocolTypes.ts';
import type { SiteCodec } from '../../../participant/ports.ts';
import { CoordinatorClient } from '../../../participant/node/CoordinatorClient.ts';
import { signUpdate } from '../../../participant/node/signUpdate.ts';
import { clipToNorm } from '../../../participant/update/clipToNorm.ts';
import { NO_CONSENT_ROOT } from '../../../common/consent/consentTree.ts';

export interface SimulatedSite {
  readonly kit: Kit;
  readonly client: CoordinatorClient;
  readonly codec: SiteCodec;
}

export function connectSite(address: string, kit: Kit, codec: SiteCodec): SimulatedSite {
  return { kit, codec, client: CoordinatorClient.connect(address, kit.tls, kit.consortium.coordinator) };
}

export async function submitUpdate(site: SimulatedSite, task: RoundTask, plan: Plan, parameters: number): Promise<void> {
  const random = seededRandom(7, site.kit.id);
  const raw = Float32Array.from({ length: parameters }, () => random.float() - 0.5);
  const { clipped } = clipToNorm(raw, plan.privacy.clipNorm);
  const examples = 100;
  const chunks = [...site.codec.encryptUpdate(clipped, examples)];
  const envelope = signUpdate({ site: site.kit.id, signingSecretKey: site.kit.signingSecretKey!, codec: site.codec }, task, { examples, epsilonMicros: 0, consentRoot: NO_CONSENT_ROOT }, chunks);
  await site.client.submitUpdate(envelope, chunks);
}
