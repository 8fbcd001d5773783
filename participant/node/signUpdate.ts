// The envelope a site signs for its encrypted update: the chunks' digest and, under CKKS, the masked sum-check
// fingerprint of exactly these chunks (the coordinator copies both into the site's leaf of the aggregate header).
import { chunksDigest } from '../../common/wire/chunksDigest.ts';
import { signEnvelope } from '../../common/wire/envelopeSigning.ts';
import type { RoundTask, UpdateEnvelope } from '../../common/wire/protocolTypes.ts';
import type { SiteCodec } from '../ports.ts';

export interface UpdateSigner {
  readonly site: string;
  readonly signingSecretKey: Uint8Array;
  readonly codec: Pick<SiteCodec, 'codecId' | 'sumCheck'>;
}

export function signUpdate(signer: UpdateSigner, task: Pick<RoundTask, 'runId' | 'round' | 'attempt'>, examples: number, chunks: readonly Uint8Array[]): UpdateEnvelope {
  const { site, codec } = signer;
  const { runId, round, attempt } = task;
  const digest = chunksDigest(chunks);
  // The plaintext codec has no shared secret to hide challenges with, so it has no sum check and no fingerprint.
  const maskedFingerprint = codec.sumCheck?.maskedFingerprint({ runId, round, attempt }, site, digest, chunks) ?? new Uint8Array(0);
  return signEnvelope({ runId, round, attempt, site, examples, codecId: codec.codecId, digest, chunkCount: chunks.length, maskedFingerprint }, signer.signingSecretKey);
}
