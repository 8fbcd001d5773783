// Real threshold CKKS sites for coordinator tests: each test site's codec (SEAL), its c0 uploads and its decryption
// shares, as the site side makes them; Shamir points follow the consortium's order (1 + index).
import type { CkksParameters } from '../../../common/he/ckksParameters.ts';
import { encodeFingerprint } from '../../../common/he/fingerprintBytes.ts';
import { CHALLENGES } from '../../../common/he/challengeVectors.ts';
import { createThresholdCodec, type ThresholdCodec } from '../../../common/he/threshold/createThresholdCodec.ts';
import { addShares } from '../../../common/he/threshold/shamir.ts';
import type { Kit } from '../../../common/kit/loadKit.ts';
import { chunksDigest } from '../../../common/wire/chunksDigest.ts';
import { signDecryptionShare } from '../../../common/wire/decryptionShareSigning.ts';
import { signEnvelope } from '../../../common/wire/envelopeSigning.ts';
import type { AggregateHeader, DecryptionShareEnvelope, RoundTask, UpdateEnvelope } from '../../../common/wire/protocolTypes.ts';
import { NO_CONSENT_ROOT } from '../../../common/consent/consentTree.ts';

/** A well-formed masked fingerprint (values below any prime the codec uses); the coordinator only checks its shape. */
export const fingerprint = (seed: number): Uint8Array => encodeFingerprint(Array.from({ length: CHALLENGES }, (_, i) => BigInt(seed * 100 + i)));

export interface ShareOptions {
  readonly setHash?: string;
  readonly signer?: Kit;
  readonly maskSeed?: number;
  readonly decryptors?: readonly string[];
}

export interface ThresholdSites {
  readonly params: CkksParameters;
  upload(kit: Kit, task: RoundTask, examples?: number): { envelope: UpdateEnvelope; chunks: Uint8Array[] };
  /**
   * `kit`'s real share of `header`'s decryption, signed by `signer` (default: the kit itself); `decryptors` replaces the
   * header's (a site that is not among them can only make a share for a set that includes it).
   */
  share(kit: Kit, header: AggregateHeader, options?: ShareOptions): { envelope: DecryptionShareEnvelope; chunks: Uint8Array[] };
  dispose(): void;
}

export async function thresholdSites(params: CkksParameters, sites: readonly string[]): Promise<ThresholdSites> {
  const points = sites.map((_, i) => i + 1);
  const codecs = await Promise.all(points.map((x) => createThresholdCodec(params, new Uint8Array(32).fill(x))));
  const dealt = codecs.map((codec) => codec.shareKey(points));
  const point = (site: string) => sites.indexOf(site) + 1;
  const codecOf = (site: string): ThresholdCodec => codecs[point(site) - 1]!;
  return {
    params,
    upload(kit, task, examples = 5) {
      const update = Float32Array.from({ length: 4 }, (_, i) => 0.1 * (i + point(kit.id)));
      const chunks = [...codecOf(kit.id).encryptUpdate(update, examples, task)];
      const fields = {
        runId: task.runId, round: task.round, attempt: task.attempt, site: kit.id, examples, codecId: task.codecId, digest: chunksDigest(chunks),
        chunkCount: chunks.length, maskedFingerprint: fingerprint(point(kit.id)), epsilonMicros: 0, consentRoot: NO_CONSENT_ROOT,
      };
      return { envelope: signEnvelope(fields, kit.signingSecretKey!), chunks };
    },
    share(kit, header, options = {}) {
      const x = point(kit.id);
      const session = {
        attempt: { runId: header.runId, round: header.round, attempt: header.attempt },
        contributors: header.contributions.map((leaf) => point(leaf.site)), decryptors: (options.decryptors ?? header.decryptors).map(point),
      };
      const codec = codecOf(kit.id);
      const keyShareSum = addShares(session.contributors.map((i) => dealt[i - 1]![x - 1]!), codec.prime);
      const chunks = [...codec.decryptionShare({ session, point: x, keyShareSum, maskKey: new Uint8Array(32).fill(options.maskSeed ?? 7) })];
      const fields = {
        runId: header.runId, round: header.round, attempt: header.attempt, site: kit.id, codecId: header.codecId, setHash: (options.setHash ?? header.setHash) as `0x${string}`,
        digest: chunksDigest(chunks), chunkCount: chunks.length, maskedFingerprint: fingerprint(10 + x), epsilonMicros: 0,
      };
      return { envelope: signDecryptionShare(fields, (options.signer ?? kit).signingSecretKey!), chunks };
    },
    dispose: () => codecs.forEach((codec) => codec.dispose()),
  };
}
