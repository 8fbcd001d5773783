// Step 3 under threshold CKKS (DECRYPTING): a decryptor checks the attempt's closed sets (the header's set hash, the
// signed contributions, enough of them, the same hash on chain through its own connection), records durably that it
// releases its share for that set, and only then sends its signed decryption share. One set per attempt, ever.
import type { Hash32 } from '../../common/canonicalJson.ts';
import type { Kit } from '../../common/kit/loadKit.ts';
import type { Logger } from '../../common/log.ts';
import { MedflError } from '../../common/MedflError.ts';
import { addShares } from '../../common/he/threshold/shamir.ts';
import { attemptSetHash } from '../../common/wire/attemptSetHash.ts';
import { chunksDigest } from '../../common/wire/chunksDigest.ts';
import { signDecryptionShare } from '../../common/wire/decryptionShareSigning.ts';
import type { AggregateHeader, RoundTask } from '../../common/wire/protocolTypes.ts';
import { checkLeafSignatures } from '../node/checkAggregateSum.ts';
import type { CoordinatorClient } from '../node/CoordinatorClient.ts';
import type { SiteLedger, ThresholdSiteCodec } from '../ports.ts';
import { attemptSession } from './attemptSession.ts';
import { aggregateMaskKey } from './groupSecrets.ts';
import type { RunKeys } from './keySetup.ts';
import { recordShareRelease } from './ShareReleases.ts';

export interface DecryptContext {
  readonly kit: Pick<Kit, 'id' | 'signingSecretKey' | 'consortium'>;
  readonly outDir: string;
  /** The plan's minimum of updates: an aggregate of fewer is too close to one site's update to open. */
  readonly minUpdates: number;
  readonly codec: Pick<ThresholdSiteCodec, 'codecId' | 'prime' | 'threshold' | 'decryptionShare' | 'sumCheck'>;
  readonly ledger: Pick<SiteLedger, 'closedAttempt'>;
  readonly client: Pick<CoordinatorClient, 'fetchAggregate' | 'submitDecryptionShare'>;
  readonly keys: RunKeys;
  readonly log: Logger;
  /** How often the chain is read while the attempt is not closed on it yet. */
  readonly pollMs?: number;
  /**
   * How long, from the moment it decrypts, a site waits for the chain to show the closed set: the coordinator's
   * deadline for the shares (one round deadline), since an attempt closed at its collection deadline is past that one.
   */
  readonly closeWaitMs: number;
}

export type DecryptOutcome = { readonly sent: false; readonly reason: 'not a decryptor' } | { readonly sent: true; readonly digest: Hash32; readonly sharesIn: number };

/** The header alone: in DECRYPTING the coordinator has no folds to send yet. */
async function fetchHeader(client: DecryptContext['client'], task: RoundTask): Promise<AggregateHeader> {
  for await (const part of client.fetchAggregate(task.round)) {
    if (!('header' in part)) throw new MedflError('WIRE_INVALID', `the coordinator sent chunks before the header of round ${task.round}`);
    const { header } = part;
    if (header.runId !== task.runId || header.round !== task.round || header.attempt !== task.attempt) {
      throw new MedflError('ROUND_MISMATCH', `asked for run ${task.runId} round ${task.round} attempt ${task.attempt}, got run ${header.runId} round ${header.round} attempt ${header.attempt}`);
    }
    return header;
  }
  throw new MedflError('WIRE_INVALID', `the coordinator sent no aggregate header for round ${task.round}`);
}

/**
 * ATTESTATION_INVALID unless the header's sets hash to its set hash, every leaf is signed, there are enough leaves and
 * exactly `threshold` decryptors: all before anything is recorded, so a malformed set cannot use up the attempt.
 */
export function checkClosedSets(header: AggregateHeader, context: Pick<DecryptContext, 'kit' | 'minUpdates'> & { readonly threshold: number }): void {
  const { runId, round, attempt, contributions, decryptors } = header;
  if (new Set(decryptors).size !== context.threshold || decryptors.length !== context.threshold) {
    throw new MedflError('ATTESTATION_INVALID', `round ${round} attempt ${attempt} names ${decryptors.length} decryptors [${decryptors.join(', ')}]; the plan's threshold is ${context.threshold} distinct sites; sending no decryption share`);
  }
  const setHash = attemptSetHash({ runId, round, attempt, contributions: contributions.map(({ site, digest }) => ({ site, digest })), decryptors });
  if (setHash !== header.setHash) {
    throw new MedflError('ATTESTATION_INVALID', `round ${round} attempt ${attempt}: the header's contributions and decryptors hash to ${setHash}, not to its set hash ${header.setHash}; sending no decryption share`);
  }
  checkLeafSignatures(header, context.kit.consortium);
  if (contributions.length < context.minUpdates) {
    throw new MedflError('ATTESTATION_INVALID', `round ${round} attempt ${attempt} closed with ${contributions.length} updates; the plan needs at least ${context.minUpdates} before an aggregate is opened; sending no decryption share`);
  }
}

/** Reads the chain until it holds `setHash` for the attempt; ATTEMPT_NOT_CLOSED at `deadlineUnixMs`, DECRYPTION_SET_CHANGED if it holds another. */
export async function awaitClosedAttempt(ledger: DecryptContext['ledger'], header: AggregateHeader, deadlineUnixMs: number, pollMs: number): Promise<void> {
  const { runId, round, attempt } = header;
  for (;;) {
    const closed = await ledger.closedAttempt(runId, round, attempt);
    if (closed === header.setHash) return;
    if (closed !== undefined) {
      throw new MedflError('DECRYPTION_SET_CHANGED', `the chain closed run ${runId} round ${round} attempt ${attempt} with set ${closed}, not the header's ${header.setHash}; sending nothing`);
    }
    if (Date.now() + pollMs > deadlineUnixMs) {
      throw new MedflError('ATTEMPT_NOT_CLOSED', `run ${runId} round ${round} attempt ${attempt} is not closed on chain by the round's deadline; sending no decryption share`);
    }
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

/** The decryption step for `task` (status DECRYPTING); the same bytes on every call for the same closed set. */
export async function decryptRound(context: DecryptContext, task: RoundTask): Promise<DecryptOutcome> {
  const { kit, codec, keys, client } = context;
  const header = await fetchHeader(client, task);
  if (!header.decryptors.includes(kit.id)) return { sent: false, reason: 'not a decryptor' };
  checkClosedSets(header, { ...context, threshold: codec.threshold });
  const session = attemptSession(header, kit.consortium, task.keyHolders);
  await awaitClosedAttempt(context.ledger, header, Math.max(task.deadlineUnixMs, Date.now() + context.closeWaitMs), context.pollMs ?? 1000);
  const setHash = header.setHash as Hash32;
  recordShareRelease(context.outDir, session.attempt, setHash);
  const missing = header.contributions.find((leaf) => !keys.shares.has(leaf.site));
  if (missing) throw new MedflError('KEY_SHARES_MISSING', `this site holds no key share from contributor ${missing.site}`, { details: { from: missing.site } });
  const keyShareSum = addShares(header.contributions.map((leaf) => keys.shares.get(leaf.site)!), codec.prime);
  const point = kit.consortium.sites.findIndex((site) => site.id === kit.id) + 1;
  const maskKey = aggregateMaskKey(keys.groupSecret, codec.codecId, session.attempt);
  const chunks = [...codec.decryptionShare({ session, point, keyShareSum, maskKey })];
  const digest = chunksDigest(chunks);
  const maskedFingerprint = codec.sumCheck(keys.groupSecret).maskedFingerprint(session.attempt, kit.id, digest, chunks);
  const fields = { ...session.attempt, site: kit.id, codecId: codec.codecId, setHash, digest, chunkCount: chunks.length, maskedFingerprint };
  const receipt = await client.submitDecryptionShare(signDecryptionShare(fields, kit.signingSecretKey!), chunks);
  if (receipt.site !== kit.id || receipt.digest !== digest || receipt.runId !== task.runId || receipt.round !== task.round || receipt.attempt !== task.attempt) {
    throw new MedflError('RECEIPT_INVALID', `the coordinator acknowledged share ${receipt.digest} of ${receipt.site} (run ${receipt.runId} round ${receipt.round} attempt ${receipt.attempt}) for ours, ${digest} of ${kit.id}`);
  }
  context.log.info({ round: task.round, attempt: task.attempt, setHash, sharesIn: receipt.sharesIn }, 'decryption share accepted by the coordinator');
  return { sent: true, digest, sharesIn: receipt.sharesIn };
}
