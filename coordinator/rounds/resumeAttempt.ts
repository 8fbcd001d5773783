// Restart: rebuild the current round attempt from the store; stored updates are refolded once, commits not re-sent.
import type { StoredRound } from '../store/storedTypes.ts';
import { closeAttempt } from './closeAttempt.ts';
import { commitAttempt } from './commitAttempt.ts';
import { RoundAttempt } from './RoundAttempt.ts';
import type { RunEngine } from './RunEngine.ts';
import { matchingQuorum } from './verifyAttestation.ts';

function restore(engine: RunEngine, record: StoredRound): RoundAttempt {
  const attempt = new RoundAttempt(record.task, record.state, engine.log);
  if (record.aggregate) attempt.aggregate = record.aggregate;
  for (const update of engine.store.updates(record.round, record.attempt)) attempt.accepted.set(update.envelope.site, update.envelope);
  for (const attestation of engine.store.attestations(record.round, record.attempt)) attempt.attestations.set(attestation.site, attestation);
  engine.attempt = attempt;
  engine.log.info({ round: record.round, attempt: record.attempt, state: record.state, updates: attempt.accepted.size }, 'round resumed from the store');
  return attempt;
}

async function resumeCollecting(engine: RunEngine, attempt: RoundAttempt): Promise<void> {
  const sum = await engine.options.aggregation.createSum();
  attempt.sum = sum;
  for (const envelope of attempt.accepted.values()) {
    sum.foldUpdate(engine.store.updateChunks(attempt.task.round, attempt.task.attempt, envelope.site, envelope.chunkCount));
  }
  if (attempt.state === 'OPEN') await engine.moveTo('COLLECTING');
  engine.broadcast();
  if (attempt.accepted.size === attempt.task.expectedSites.length) return closeAttempt(engine);
  engine.armCollectDeadline();
}

async function resumeAttesting(engine: RunEngine, attempt: RoundAttempt): Promise<void> {
  if (attempt.state === 'CLOSED') await engine.moveTo('ATTESTING');
  engine.armAttestDeadline();
  const matching = matchingQuorum(attempt.attestations.values(), engine.options.plan.consortium.quorum);
  if (matching) await commitAttempt(engine, matching);
}

export async function resumeAttempt(engine: RunEngine, latest: StoredRound | undefined): Promise<void> {
  if (!latest) return engine.openRound(1, 0);
  const committed = latest.state === 'COMMITTED' ? latest : engine.store.committedRound(latest.round - 1);
  if (committed?.commit) engine.lastCommit = committed.commit;
  if (latest.state === 'COMMITTED') {
    if (latest.round >= engine.options.plan.rounds) return engine.finish('COMPLETED');
    return engine.openRound(latest.round + 1, 0);
  }
  if (latest.state === 'FAILED') return engine.afterFailure(latest.round, latest.attempt, latest.failure ?? 'failed before a restart');
  const attempt = restore(engine, latest);
  if (latest.state === 'OPEN' || latest.state === 'COLLECTING') return resumeCollecting(engine, attempt);
  return resumeAttesting(engine, attempt);
}
