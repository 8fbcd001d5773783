// One site's SubmitKeyShares call: every entry is checked as it arrives, and the whole set is stored at the end only
// if it holds exactly one entry for every other site. A sender's entries are stored once and never replaced, since
// other sites may already hold them; the same entries again are acknowledged as before.
import type { ConsortiumSite } from '../../common/kit/Consortium.ts';
import { MedflError } from '../../common/MedflError.ts';
import { keyShareDigest } from '../../common/wire/keyShareSigning.ts';
import type { KeyShareEntry, KeySharesReceipt } from '../../common/wire/protocolTypes.ts';
import type { RoundStore } from '../store/RoundStore.ts';
import { checkKeyShareEntry, type KeyShareContext } from './checkKeyShare.ts';

const incomplete = (message: string, details: Record<string, unknown>) =>
  new MedflError('KEY_SHARES_INCOMPLETE', `${message}; send one entry for every other site in one submission`, { details });

/** Whether `held` is exactly `entries`, recipient for recipient (the digest covers every field and the sealed bytes). */
function sameEntries(held: readonly KeyShareEntry[], entries: readonly KeyShareEntry[]): boolean {
  const digests = new Map(held.map((entry) => [entry.toSite, keyShareDigest(entry)]));
  return held.length === entries.length && entries.every((entry) => digests.get(entry.toSite) === keyShareDigest(entry));
}

export class KeyShareSubmission {
  /** By recipient: at most one per other site, so a submission never holds more than the consortium's size. */
  private readonly entries = new Map<string, KeyShareEntry>();

  constructor(
    private readonly caller: ConsortiumSite,
    private readonly context: KeyShareContext,
  ) {}

  add(entry: KeyShareEntry): void {
    checkKeyShareEntry(entry, this.caller, this.context);
    if (this.entries.has(entry.toSite)) throw incomplete(`${this.caller.id}'s submission carries two entries for ${entry.toSite}`, { duplicate: entry.toSite });
    const [first] = this.entries.values();
    if (first && first.threshold !== entry.threshold) {
      throw new MedflError('KEY_SHARE_INVALID', `${this.caller.id}'s key-share entries for ${first.toSite} and ${entry.toSite} ask for thresholds ${first.threshold} and ${entry.threshold}; one sender's shares have one threshold`, {
        details: { from: this.caller.id, to: entry.toSite },
      });
    }
    this.entries.set(entry.toSite, entry);
  }

  /** Stores the complete submission durably, or finds the identical one stored before; its receipt either way. */
  async finish(store: RoundStore): Promise<KeySharesReceipt> {
    const { runId, codecId, consortium } = this.context;
    const others = consortium.sites.map((site) => site.id).filter((id) => id !== this.caller.id);
    const missing = others.filter((id) => !this.entries.has(id));
    if (missing.length > 0) throw incomplete(`${this.caller.id}'s submission leaves out ${missing.join(', ')}`, { missing });
    const entries = others.map((id) => this.entries.get(id)!);
    const held = await store.putKeySharesOnce(runId, this.caller.id, entries);
    if (held && !sameEntries(held, entries)) {
      throw new MedflError('KEY_SHARES_CONFLICT', `${this.caller.id} already submitted other key shares for run ${runId}; a sender may not change shares other sites may already hold`, {
        details: { from: this.caller.id },
      });
    }
    return { runId, codecId, fromSite: this.caller.id, entries: entries.length };
  }
}
