// What the coordinator and one site can do together with what they hold after a real run: the coordinator's store (the
// victim's uploaded c0, the attempt that committed) and the colluding site's kit and out folder (its seed, the key
// shares every other site sent it). Each attempt decodes the victim's c0 against a key built from those, through the
// colluder's own codec, exactly as an opener decodes an aggregate of the victim alone.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openCkksContext } from '../../../common/he/ckksContext.ts';
import type { CkksParameters } from '../../../common/he/ckksParameters.ts';
import { createThresholdCodec, type ThresholdCodec } from '../../../common/he/threshold/createThresholdCodec.ts';
import { deriveSiteSecret } from '../../../common/he/threshold/deriveSiteSecret.ts';
import { addShares, lagrangeAtZero, scaleShare } from '../../../common/he/threshold/shamir.ts';
import type { ThresholdSession } from '../../../common/he/threshold/thresholdSession.ts';
import { KIT_FILES } from '../../../common/kit/kitFiles.ts';
import { loadKit, readKey } from '../../../common/kit/loadKit.ts';
import { loadPlan } from '../../../common/plan/loadPlan.ts';
import { runCodecParameters } from '../../../common/wire/runCodecParameters.ts';
import { RoundStore } from '../../../coordinator/store/RoundStore.ts';
import { heldKeyShares } from '../../../participant/keyShares/heldKeyShares.ts';
import type { AdversarialRun } from '../harness/adversarialRun.ts';
import { recordedUpdateFile } from '../parties/siteAttacks.ts';

export interface Pooling {
  readonly victim: string;
  readonly colluder: string;
  readonly round: number;
}

/** The victim's update as it encrypted it (record-update), with its example weight. */
export function recordedUpdate(run: AdversarialRun, site: string, round: number): { examples: number; update: Float32Array } {
  const recorded = JSON.parse(readFileSync(recordedUpdateFile(join(run.dir, 'sites', site), round), 'utf8')) as { examples: number; update: number[] };
  return { examples: recorded.examples, update: Float32Array.from(recorded.update) };
}

/** base^exponent mod q. */
function power(base: bigint, exponent: bigint, q: bigint): bigint {
  let result = 1n;
  for (let b = base % q, e = exponent; e > 0n; e >>= 1n, b = (b * b) % q) if (e & 1n) result = (result * b) % q;
  return result;
}

/** The victim's c0 chunks and weight in the committed attempt of `round`, read from the coordinator's store. */
function victimUpload(run: AdversarialRun, { victim, round }: Pooling): { attempt: number; chunks: Uint8Array[]; examples: number } {
  const store = RoundStore.open(join(run.dir, 'coordinator-store'));
  try {
    const committed = store.committedRound(round);
    if (!committed) throw new Error(`round ${round} is not committed in the coordinator's store`);
    const update = store.updates(round, committed.attempt).find((stored) => stored.envelope.site === victim);
    if (!update) throw new Error(`${victim} has no update in round ${round} attempt ${committed.attempt}`);
    return { attempt: committed.attempt, chunks: store.updateChunks(round, committed.attempt, victim, update.envelope.chunkCount), examples: update.envelope.examples };
  } finally {
    store.close();
  }
}

/**
 * Every decoding of the victim's c0 the pair can build: with the colluder's key share of the victim's secret (as sent,
 * and times the Lagrange coefficient a decryption would use), with the colluder's own secret, and with the sum of every
 * share it holds. Returns each attempt's decoded values, by name.
 */
export async function pooledDecryptions(run: AdversarialRun, pooling: Pooling): Promise<Map<string, Float32Array>> {
  const plan = loadPlan(run.planFile);
  const params = runCodecParameters(plan) as CkksParameters;
  const kit = loadKit(run.kits[pooling.colluder]!);
  const seed = readKey(kit.dir, KIT_FILES.ckksShareSeed, 32);
  const points = new Map(kit.consortium.sites.map((site, index) => [site.id, index + 1]));
  const upload = victimUpload(run, pooling);
  const expected = { runId: run.runId, codecId: params.codecId, threshold: params.threshold!, payloadBytes: 8 * params.polyModulusDegree + 32 };
  const held = heldKeyShares(kit, expected, join(run.dir, 'sites', pooling.colluder));
  const residues = (payload: Uint8Array) => new BigUint64Array(payload.slice(0, 8 * params.polyModulusDegree).buffer);
  const victimShare = held.get(pooling.victim);
  if (!victimShare) throw new Error(`${pooling.colluder} holds no key share from ${pooling.victim}`);
  const colluder = points.get(pooling.colluder)!;
  // Any decryptor set with the colluder in it: the colluder first, then the lowest other points.
  const decryptors = [colluder, ...[...points.values()].filter((x) => x !== colluder)].slice(0, params.threshold!).sort((a, b) => a - b);
  const session: ThresholdSession = { attempt: { runId: run.runId, round: pooling.round, attempt: upload.attempt }, contributors: [points.get(pooling.victim)!], decryptors };
  const codec = await createThresholdCodec(params, seed);
  try {
    const q = codec.prime;
    const lambda = lagrangeAtZero(decryptors, q)[decryptors.indexOf(colluder)]!;
    // The codec multiplies a key-share sum by λ; dividing first makes it use the key itself.
    const asKey = (key: BigUint64Array) => scaleShare(key, power(lambda, q - 2n, q), q);
    const ckks = await openCkksContext(params);
    const ownSecret = deriveSiteSecret(ckks, seed).residues;
    ckks.dispose();
    const keys: Record<string, BigUint64Array> = {
      "λ·(colluder's key share of the victim's secret)": residues(victimShare),
      "colluder's key share of the victim's secret": asKey(residues(victimShare)),
      "colluder's own secret": asKey(ownSecret),
      'sum of every key share the colluder holds': addShares([...held.values()].map(residues), q),
    };
    return new Map(Object.entries(keys).map(([name, keyShareSum]) => [name, decode(codec, session, colluder, keyShareSum, upload)]));
  } finally {
    codec.dispose();
  }
}

function decode(codec: ThresholdCodec, session: ThresholdSession, point: number, keyShareSum: BigUint64Array, upload: { chunks: Uint8Array[]; examples: number }): Float32Array {
  const maskKey = new Uint8Array(32);
  const share = [...codec.decryptionShare({ session, point, keyShareSum, maskKey })];
  return codec.openAggregate({ session, aggregateChunks: upload.chunks, shareSumChunks: share, maskKey, totalExamples: upload.examples });
}
