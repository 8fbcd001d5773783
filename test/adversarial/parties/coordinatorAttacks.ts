// The dishonest coordinator's attacks on a closing round: each rewrites what closeAttempt is about to read (the
// accepted envelopes that become contribution leaves, and the sum that becomes the aggregate), keeping every header
// check of today's sites satisfied (leaves of known sites, totals and root recomputed from the tampered leaves).
import { randomBytes } from 'node:crypto';
import nacl from 'tweetnacl';
import type { Hash32 } from '../../../common/canonicalJson.ts';
import type { CkksParameters } from '../../../common/he/ckksParameters.ts';
import { signEnvelope } from '../../../common/wire/envelopeSigning.ts';
import type { UpdateEnvelope } from '../../../common/wire/protocolTypes.ts';
import type { Aggregation } from '../../../coordinator/ports.ts';
import type { RoundAttempt } from '../../../coordinator/rounds/RoundAttempt.ts';
import { ABSENT_SITE, FORGED_MEAN_VALUE, VICTIM_SITE } from './cast.ts';
import { fixedSum, refold, trivialCiphertexts } from './forgedCiphertexts.ts';

/** A round at the moment it closes, with each site's chunks as they were folded. */
export interface ClosingRound {
  readonly attempt: RoundAttempt;
  readonly folded: ReadonlyMap<string, readonly Uint8Array[]>;
  readonly aggregation: Aggregation;
  readonly params: CkksParameters;
}

type CloseAttack = (round: ClosingRound) => Promise<void>;

const chunksOf = (round: ClosingRound, site: string) => {
  const chunks = round.folded.get(site);
  if (!chunks) throw new Error(`site ${site} sent nothing this round; the attack needs its update`);
  return chunks;
};

/** Replaces the aggregate by the honest fold of exactly these sites' updates, in this order (repeats count twice). */
async function serveFoldOf(round: ClosingRound, sites: readonly string[]): Promise<void> {
  const chunks = await refold(round.aggregation, round.params, sites.map((site) => chunksOf(round, site)));
  round.attempt.sum = fixedSum(round.attempt.sum!, chunks);
}

const everySite = (round: ClosingRound) => [...round.attempt.accepted.keys()];
const othersThanVictim = (round: ClosingRound) => everySite(round).filter((site) => site !== VICTIM_SITE);

/** An envelope for a site that sent nothing, signed with a key the attacker made (it has no site's key). */
function inventedEnvelope(template: UpdateEnvelope, site: string): UpdateEnvelope {
  const fields = { ...template, site, examples: 100, digest: `0x${randomBytes(32).toString('hex')}` as Hash32 };
  return { ...fields, ...signEnvelope(fields, nacl.sign.keyPair().secretKey) };
}

export const COORDINATOR_CLOSE_ATTACKS: Record<string, CloseAttack> = {
  /** (1) c1 = 0 and c0 = the attacker's mean, encoded with no key: every site decrypts the attacker's model. */
  'trivial-ciphertext': async (round) => {
    const mean = new Float32Array(round.params.parameterCount).fill(FORGED_MEAN_VALUE);
    round.attempt.sum = fixedSum(round.attempt.sum!, await trivialCiphertexts(round.params, mean, round.attempt.totalExamples()));
  },
  /** (2) The victim's ciphertext left out of the sum; its leaf (and examples in the total) kept. */
  'drop-ciphertext': (round) => serveFoldOf(round, othersThanVictim(round)),
  /** (3) The victim's ciphertext folded twice; its leaf listed once. */
  'double-count': (round) => serveFoldOf(round, [...everySite(round), VICTIM_SITE]),
  /** (4) The victim's update acknowledged, then its leaf and ciphertext both dropped (totals and root follow). */
  'drop-update': async (round) => {
    await serveFoldOf(round, othersThanVictim(round));
    round.attempt.accepted.delete(VICTIM_SITE);
  },
  /** (5) A leaf for a consortium site that sent nothing; the aggregate is the honest sum of the others. */
  'invent-leaf': async (round) => {
    const template = round.attempt.accepted.values().next().value!;
    round.attempt.accepted.set(ABSENT_SITE, inventedEnvelope(template, ABSENT_SITE));
  },
  /** (6) The victim's leaf claims ten times its examples (the total and root are recomputed from it). */
  'inflate-leaf': async (round) => {
    const envelope = round.attempt.accepted.get(VICTIM_SITE);
    if (!envelope) throw new Error(`site ${VICTIM_SITE} sent nothing this round; the attack needs its leaf`);
    round.attempt.accepted.set(VICTIM_SITE, { ...envelope, examples: envelope.examples * 10 });
  },
  /** (6b) The victim's leaf reports another privacy spend than it signed (root recomputed): its ε on chain would lie. */
  'misreport-spend': async (round) => {
    const envelope = round.attempt.accepted.get(VICTIM_SITE);
    if (!envelope) throw new Error(`site ${VICTIM_SITE} sent nothing this round; the attack needs its leaf`);
    round.attempt.accepted.set(VICTIM_SITE, { ...envelope, epsilonMicros: envelope.epsilonMicros + 1_000_000 });
  },
  /** (6c) The victim's leaf carries another consent root than it signed (root recomputed): a patient's proof would lie. */
  'swap-consent-root': async (round) => {
    const envelope = round.attempt.accepted.get(VICTIM_SITE);
    if (!envelope) throw new Error(`site ${VICTIM_SITE} sent nothing this round; the attack needs its leaf`);
    round.attempt.accepted.set(VICTIM_SITE, { ...envelope, consentRoot: `0x${randomBytes(32).toString('hex')}` });
  },
};
