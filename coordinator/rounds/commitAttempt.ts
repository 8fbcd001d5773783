// Step 6: a quorum of matching attestations goes on chain (once: a round already there is never re-sent).
import type { SiteAttestation } from '../../common/wire/protocolTypes.ts';
import { asMedflError } from '../../common/MedflError.ts';
import type { RunEngine } from './RunEngine.ts';

async function sendCommit(engine: RunEngine, matching: SiteAttestation[]): Promise<string> {
  const attempt = engine.current();
  const header = attempt.aggregate!;
  const modelHash = matching[0]!.modelHash;
  const { ledger } = engine.options;
  const onChain = await ledger.committedModelHash(header.runId, header.round);
  if (onChain === modelHash) {
    engine.log.info({ round: header.round, modelHash }, 'round already on chain (committed before a restart); not re-sent');
    return '';
  }
  return ledger.commitRound({
    runId: header.runId,
    round: header.round,
    prevModelHash: header.prevModelHash,
    modelHash,
    aggregateDigest: header.aggregateDigest,
    contributionsRoot: header.contributionsRoot,
    totalExamples: header.totalExamples,
    contributions: header.contributions,
    signatures: matching.map((attestation) => attestation.signature),
  });
}

/** ATTESTING -> COMMITTED, then the next round opens or the run completes; a failed commit fails the attempt. */
export async function commitAttempt(engine: RunEngine, matching: SiteAttestation[]): Promise<void> {
  const attempt = engine.current();
  let txHash: string;
  try {
    txHash = await sendCommit(engine, matching);
  } catch (thrown) {
    const error = asMedflError(thrown);
    return engine.failAttempt(`commitRound failed: ${error.code}: ${error.message}`);
  }
  const { round } = attempt.task;
  const modelHash = matching[0]!.modelHash;
  attempt.commit = {
    round,
    modelHash,
    txHash,
    totalExamples: attempt.aggregate!.totalExamples,
    attesters: matching.map((attestation) => attestation.site),
    siteMetrics: [...attempt.attestations.values()]
      .filter((attestation) => attestation.modelHash === modelHash)
      .map(({ site, metrics }) => ({ site, metrics })),
    contributions: attempt.aggregate!.contributions,
  };
  engine.lastCommit = attempt.commit;
  engine.log.info({ round, modelHash, txHash }, 'round committed');
  await engine.moveTo('COMMITTED');
  attempt.dispose();
  if (round >= engine.options.plan.rounds) return engine.finish('COMPLETED');
  await engine.openRound(round + 1, 0);
}
