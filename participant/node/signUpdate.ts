// The envelope a site signs for its encrypted update: the chunks' digest and, under CKKS, the masked sum-check
// fingerprint of exactly these chunks (the coordinator copies both into the site's leaf of the aggregate header), with
// the weight and the cumulative ε the site declares for it (both end up in its contribution leaf on chain).
import { chunksDigest } from '../../common/wire/chunksDigest.ts';
import { signEnvelope } from '../../common/wire/envelopeSigning.ts';
import type { RoundTask, UpdateEnvelope, UpdateEnvelopeFields } from '../../common/wire/protocolTypes.ts';
import type { SiteCodec } from '../ports.ts';
import type { UpdateChunks } from './UpdateChunks.ts';

export interface UpdateSigner {
  readonly site: string;
  readonly signingSecretKey: Uint8Array;
  readonly codec: Pick<SiteCodec, 'codecId' | 'sumCheck'>;
}

/**
 * What a site declares about its update besides its bytes: examples it weights by, cumulative ε in millionths (0 without
 * DP-SGD), and the consent root of the patients it trained on.
 */
export type UpdateDeclaration = Pick<UpdateEnvelopeFields, 'examples' | 'epsilonMicros' | 'consentRoot'>;

/** `chunks` is read twice, one chunk at a time: once for the digest, once for the fingerprint (masked with the digest). */
export function signUpdate(signer: UpdateSigner, task: Pick<RoundTask, 'runId' | 'round' | 'attempt'>, declared: UpdateDeclaration, chunks: UpdateChunks): UpdateEnvelope {
  const { site, codec } = signer;
  const { runId, round, attempt } = task;
  const digest = chunksDigest(chunks);
  // The plaintext codec has no shared secret to hide challenges with, so it has no sum check and no fingerprint.
  const maskedFingerprint = codec.sumCheck?.maskedFingerprint({ runId, round, attempt }, site, digest, chunks) ?? new Uint8Array(0);
  const { examples, epsilonMicros, consentRoot } = declared;
  const fields = { runId, round, attempt, site, examples, epsilonMicros, consentRoot, codecId: codec.codecId, digest, chunkCount: chunks.length, maskedFingerprint };
  return signEnvelope(fields, signer.signingSecretKey);
}
