// The fuzzing site's raw material for one open attempt: a well-formed encryption of a zero update under the run's codec,
// with its masked sum-check fingerprint, so each case can break exactly one thing and leave the rest as an honest
// site would send it.
import type { Kit } from '../../../common/kit/loadKit.ts';
import { MedflError } from '../../../common/MedflError.ts';
import { genesisModel } from '../../../common/model/genesis.ts';
import type { Plan } from '../../../common/plan/planSchema.ts';
import { chunksDigest } from '../../../common/wire/chunksDigest.ts';
import type { RoundTask } from '../../../common/wire/protocolTypes.ts';
import { isThresholdCodec } from '../../../participant/ports.ts';
import { siteCodec } from '../../../participant/wiring.ts';
import type { FuzzMaterial } from './fuzzMessages.ts';

/** A weight every plan's cap allows. */
const EXAMPLES = 100;

export async function fuzzMaterial(plan: Plan, kit: Kit, task: RoundTask, otherSite: string): Promise<FuzzMaterial> {
  const codec = await siteCodec(plan, kit);
  try {
    if (isThresholdCodec(codec)) throw new MedflError('CODEC_MISMATCH', `the fuzz plan must use one consortium key, not the threshold codec ${codec.codecId}`);
    const chunks = [...codec.encryptUpdate(new Float32Array(genesisModel(plan).weights.length), EXAMPLES)];
    const { runId, round, attempt } = task;
    const maskedFingerprint = codec.sumCheck?.maskedFingerprint({ runId, round, attempt }, kit.id, chunksDigest(chunks), chunks) ?? new Uint8Array(0);
    if (!kit.signingSecretKey) throw new MedflError('KIT_INVALID', `kit ${kit.dir} has no signing key for the fuzzing site's envelopes`);
    return { task, site: kit.id, signingSecretKey: kit.signingSecretKey, otherSite, chunks, maskedFingerprint, examples: EXAMPLES };
  } finally {
    codec.dispose();
  }
}
