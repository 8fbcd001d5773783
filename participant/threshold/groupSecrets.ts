// The sites-only secrets of a round attempt under threshold CKKS. Each key holder contributes g_i (derived from its
// seed, sent to every other site inside its sealed key shares); G binds the attempt's key holders and their g_i, and
// the sum-check key K (sumCheckKey.ts, over G) and the aggregate's mask key come from G, which the coordinator lacks.
import { createHash, hkdfSync } from 'node:crypto';
import { canonicalJson } from '../../common/canonicalJson.ts';
import type { ConsortiumSite } from '../../common/kit/Consortium.ts';
import { MedflError } from '../../common/MedflError.ts';
import type { CheckedAttempt } from '../../common/he/sumCheckKey.ts';

const GROUP = 'medfl/v1/group';
const MASK = 'medfl/v1/aggregate-mask';

/** g_i = HKDF-SHA256(seed, salt "medfl/v1/group", info runId): the same on every call, so a resend repeats it. */
export function groupContribution(seed: Uint8Array, runId: string): Uint8Array {
  return new Uint8Array(hkdfSync('sha256', seed, GROUP, runId, 32));
}

/**
 * G = sha256("medfl/v1/group" ‖ for each key holder in consortium order: utf8(id) ‖ g_id). KEY_SHARES_MISSING when
 * a key holder's g is not held (its shares have not arrived).
 */
export function groupSecret(consortium: { readonly sites: readonly Pick<ConsortiumSite, 'id'>[] }, keyHolders: readonly string[], contributions: ReadonlyMap<string, Uint8Array>): Uint8Array {
  const hash = createHash('sha256').update(GROUP);
  for (const { id } of consortium.sites.filter((site) => keyHolders.includes(site.id))) {
    const g = contributions.get(id);
    if (!g) throw new MedflError('KEY_SHARES_MISSING', `this site holds no key share from key holder ${id} yet`, { details: { from: id } });
    hash.update(Buffer.from(id, 'utf8')).update(g);
  }
  return new Uint8Array(hash.digest());
}

/** The aggregate's mask key: HKDF-SHA256(G, salt "medfl/v1/aggregate-mask", info canonical JSON [codecId, runId, round, attempt]). */
export function aggregateMaskKey(group: Uint8Array, codecId: string, { runId, round, attempt }: CheckedAttempt): Uint8Array {
  return new Uint8Array(hkdfSync('sha256', group, MASK, canonicalJson([codecId, runId, round, attempt]), 32));
}
