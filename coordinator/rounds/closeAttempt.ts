// Step 4, closing: the encrypted sum becomes the round's aggregate, with its digest and contributions Merkle root.
import { MedflError } from '../../common/MedflError.ts';
import { chunksDigest } from '../../common/wire/chunksDigest.ts';
import type { AggregateHeader, ContributionLeaf } from '../../common/wire/protocolTypes.ts';
import { contributionsRoot } from '../../common/wire/contributionsRoot.ts';
import type { RunEngine } from './RunEngine.ts';

/** COLLECTING -> CLOSED (aggregate durable) -> ATTESTING (announced); leaves are in site order. */
export async function closeAttempt(engine: RunEngine): Promise<void> {
  const attempt = engine.current();
  const { task } = attempt;
  if (!attempt.sum) throw new MedflError('INTERNAL', `round ${task.round} has no running sum to close`);
  attempt.clearTimer();
  const chunks = attempt.sum.serialize();
  const contributions: ContributionLeaf[] = [...attempt.accepted.values()]
    .sort((a, b) => a.site.localeCompare(b.site))
    .map((envelope) => ({ site: envelope.site, address: engine.site(envelope.site).address, examples: envelope.examples, digest: envelope.digest }));
  const header: AggregateHeader = {
    runId: task.runId,
    round: task.round,
    attempt: task.attempt,
    codecId: task.codecId,
    aggregateDigest: chunksDigest(chunks),
    contributions,
    totalExamples: attempt.totalExamples(),
    contributionsRoot: contributionsRoot(contributions),
    chunkCount: chunks.length,
    prevModelHash: task.prevModelHash,
  };
  await engine.store.putAggregate(task.round, task.attempt, chunks);
  attempt.aggregate = header;
  attempt.sum.dispose();
  attempt.sum = undefined;
  engine.log.info({ round: task.round, updates: contributions.length, totalExamples: header.totalExamples }, 'round closed');
  await engine.moveTo('CLOSED');
  await engine.moveTo('ATTESTING');
  engine.armAttestDeadline();
}
