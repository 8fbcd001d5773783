import { describe, expect, it } from 'vitest';
import { MedflError } from '../../../common/MedflError.ts';
import type { RoundTask, SiteAttestation } from '../../../common/wire/protocolTypes.ts';
import type { RoundAttestation } from '../../../common/wire/roundAttestation.ts';
import { logger } from '../../../common/log.ts';
import { attestRound, candidateForTask, type AttestContext } from '../../../participant/node/attestRound.ts';
import { aggregateParts, candidateContext, consortium, header, leaves, next, progress } from './helpers/roundFixture.ts';

const task: RoundTask = {
  runId: '1', round: 2, attempt: 0, planHash: `0x${'a'.repeat(64)}`, prevModelHash: progress.modelHash, deadlineUnixMs: 0, minUpdates: 1,
  codecId: 'c', chunkCount: 1, expectedSites: ['site-a'], proximalMu: 0, keyHolders: [],
};
const own = { site: 'site-a', digest: leaves[0]!.digest, examples: 2 };

/** A context whose coordinator streams the round-2 aggregate on `prevModelHash` and answers attestations with `reply`. */
function context(prevModelHash = progress.modelHash, reply: () => Promise<void> = async () => {}) {
  const { context: base } = candidateContext(aggregateParts(header(prevModelHash)));
  const signed: RoundAttestation[] = [];
  const sent: SiteAttestation[] = [];
  const client = {
    fetchAggregate: base.client.fetchAggregate,
    submitAttestation: async (attestation: SiteAttestation) => {
      sent.push(attestation);
      await reply();
      return { round: attestation.round, matching: 1, quorum: 1 };
    },
  };
  const ledger = { signAttestation: async (fields: RoundAttestation) => (signed.push(fields), '0x5151') };
  const attesting: AttestContext = { ...base, client, site: 'site-a', consortium, modelHash: progress.modelHash, ledger, log: logger() };
  return { attesting, signed, sent };
}

describe('candidateForTask (in-process coordinator double)', () => {
  it('derives the next model from the task\'s aggregate when it carries this site\'s update as submitted', async () => {
    const { candidate } = await candidateForTask(context().attesting, task, own);
    expect(candidate).toMatchObject({ round: 2, modelHash: next.modelHash });
  });

  it('refuses another attempt, another parent model, or an aggregate without this site\'s update as submitted', async () => {
    await expect(candidateForTask(context().attesting, { ...task, attempt: 1 }, own)).rejects.toMatchObject({ code: 'ROUND_MISMATCH' });
    const other = `0x${'e'.repeat(64)}` as const;
    await expect(candidateForTask(context(other).attesting, task, own)).rejects.toThrow(`the aggregate builds on ${other}, but this node's global model is ${progress.modelHash}`);
    await expect(candidateForTask(context().attesting, task, { ...own, examples: 3 })).rejects.toMatchObject({ code: 'ATTESTATION_INVALID' });
  });
});

describe('attestRound (in-process ledger and coordinator doubles)', () => {
  it('signs the seven attested fields of the derived model and sends them with its metrics', async () => {
    const { attesting, signed, sent } = context();
    const derived = await candidateForTask(attesting, task, own);
    await attestRound(attesting, task, derived);
    const fields = { runId: '1', round: 2, prevModelHash: progress.modelHash, modelHash: next.modelHash, aggregateDigest: derived.header.aggregateDigest, contributionsRoot: derived.header.contributionsRoot, totalExamples: 2 };
    expect(signed).toEqual([fields]);
    expect(sent).toEqual([{ ...fields, attempt: 0, site: 'site-a', signature: '0x5151', metrics: derived.candidate.metrics }]);
  });

  it('counts a round already committed without it as attested, and passes any other refusal on', async () => {
    const late = context(progress.modelHash, async () => { throw new MedflError('ROUND_MISMATCH', 'round 2 is committed'); });
    await expect(attestRound(late.attesting, task, await candidateForTask(late.attesting, task, own))).resolves.toBeUndefined();
    const refused = context(progress.modelHash, async () => { throw new MedflError('SIGNATURE_INVALID', 'bad signature'); });
    await expect(attestRound(refused.attesting, task, await candidateForTask(refused.attesting, task, own))).rejects.toThrow('bad signature');
  });
});
