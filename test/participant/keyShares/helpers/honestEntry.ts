// A site's entry for one recipient exactly as submitKeyShares seals and signs it (captured instead of sent).
import type { KeyShareEntry } from '../../../../common/wire/protocolTypes.ts';
import type { KeyShareRun } from '../../../../participant/keyShares/KeyShareRun.ts';
import { submitKeyShares } from '../../../../participant/keyShares/submitKeyShares.ts';
import { sharePayload } from './sharePayload.ts';
import type { shareKits, ShareSite } from './shareKits.ts';

export async function honestEntry(kits: ReturnType<typeof shareKits>, run: KeyShareRun, from: ShareSite, to: ShareSite, payload?: Uint8Array, variant = 'first'): Promise<KeyShareEntry> {
  let sent: readonly KeyShareEntry[] = [];
  const capture = {
    submitKeyShares: async (entries: readonly KeyShareEntry[]) => {
      sent = entries;
      return { runId: run.runId, codecId: run.codecId, fromSite: from, entries: entries.length };
    },
  };
  await submitKeyShares(capture, kits[from], run, (site) => (site === to && payload ? payload : sharePayload(from, site, variant)));
  return sent.find((entry) => entry.toSite === to)!;
}
