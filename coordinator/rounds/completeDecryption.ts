// Step 4 under threshold CKKS, completing: once every decryptor's share is durable, the shares are folded (from the
// store, so a restart folds the same bytes), the fold is stored and the header lists each share's signed leaf.
import { MedflError } from '../../common/MedflError.ts';
import type { AggregateHeader, DecryptionShareLeaf } from '../../common/wire/protocolTypes.ts';
import type { RoundStore } from '../store/RoundStore.ts';
import type { RoundAttempt } from './RoundAttempt.ts';

export interface DecryptionContext {
  readonly store: Pick<RoundStore, 'shareChunks' | 'putShareSum'>;
}

/** The decryptors of `attempt` that have sent no share yet, in their order. */
export function missingShares(attempt: RoundAttempt): string[] {
  return (attempt.aggregate?.decryptors ?? []).filter((site) => !attempt.shares.has(site));
}

/** The header the attempt is attested with: the closed one plus the share leaves, in decryptor order. */
export async function completeDecryption(context: DecryptionContext, attempt: RoundAttempt): Promise<AggregateHeader> {
  const { aggregate, shareSum, task } = attempt;
  if (!aggregate || !shareSum || missingShares(attempt).length > 0) {
    throw new MedflError('INTERNAL', `round ${task.round} attempt ${task.attempt} cannot complete its decryption: shares missing`);
  }
  const leaves: DecryptionShareLeaf[] = aggregate.decryptors.map((site) => {
    const envelope = attempt.shares.get(site)!;
    shareSum.fold(context.store.shareChunks(task.round, task.attempt, site, envelope.chunkCount));
    return { site, digest: envelope.digest, maskedFingerprint: envelope.maskedFingerprint, envelopeSignature: envelope.signature };
  });
  await context.store.putShareSum(task.round, task.attempt, shareSum.serialize());
  return { ...aggregate, decryptionShares: leaves };
}
