// Step 4, closing: the encrypted sum becomes the round's aggregate, with its digest and contributions Merkle root.
import { MedflError } from '../../common/MedflError.ts';
import { attemptSetHash } from '../../common/wire/attemptSetHash.ts';
import { ChunksDigest } from '../../common/wire/chunksDigest.ts';
import type { AggregateHeader, SignedContributionLeaf } from '../../common/wire/protocolTypes.ts';
import { contributionsRoot } from '../../common/wire/contributionsRoot.ts';
import type { RoundStore } from '../store/RoundStore.ts';
import type { RoundAttempt } from './RoundAttempt.ts';

export interface CloseContext {
  readonly store: Pick<RoundStore, 'putAggregate'>;
  /** The Ethereum address a contribution leaf names for a site. */
  siteAddress(site: string): string;
}

/**
 * The aggregate's chunks made durable and its header (leaves in site order); the round loop records the close. Under
 * threshold CKKS `decryptors` is T, in consortium order, and the header carries the hash of (U, T) sites check on chain.
 */
export async function closeAttempt(context: CloseContext, attempt: RoundAttempt, decryptors: readonly string[] = []): Promise<AggregateHeader> {
  const { task } = attempt;
  const { sum } = attempt;
  if (!sum) throw new MedflError('INTERNAL', `round ${task.round} has no running sum to close`);
  // Each leaf carries its site's envelope signature and masked fingerprint (stored with the update, so a restarted
  // coordinator builds the same leaves): every site checks them, and the aggregate against them, before attesting.
  const contributions: SignedContributionLeaf[] = [...attempt.accepted.values()]
    .sort((a, b) => a.site.localeCompare(b.site))
    .map((envelope) => ({
      site: envelope.site, address: context.siteAddress(envelope.site), examples: envelope.examples, digest: envelope.digest,
      epsilonMicros: envelope.epsilonMicros, consentRoot: envelope.consentRoot, maskedFingerprint: envelope.maskedFingerprint, envelopeSignature: envelope.signature,
    }));
  // Stored and hashed one chunk at a time, as the sum reads them from its file: never the whole aggregate in memory.
  const digest = new ChunksDigest();
  await context.store.putAggregate(task.round, task.attempt, sum.chunkCount, (index) => {
    const chunk = sum.aggregateChunk(index);
    digest.add(chunk);
    return chunk;
  });
  return {
    runId: task.runId,
    round: task.round,
    attempt: task.attempt,
    codecId: task.codecId,
    aggregateDigest: digest.digest(),
    contributions,
    totalExamples: attempt.totalExamples(),
    contributionsRoot: contributionsRoot(contributions),
    chunkCount: sum.chunkCount,
    prevModelHash: task.prevModelHash,
    decryptors: [...decryptors],
    setHash: decryptors.length === 0 ? '' : attemptSetHash({ runId: task.runId, round: task.round, attempt: task.attempt, contributions, decryptors }),
    decryptionShares: [],
  };
}
