// A site's side of FetchKeyShares: takes the entries the coordinator holds for it, checks each, and keeps the good ones
// durably; a site fetches again to pick up sites that submit later.
import type { Kit } from '../../common/kit/loadKit.ts';
import { MedflError } from '../../common/MedflError.ts';
import { keyShareDigest } from '../../common/wire/keyShareSigning.ts';
import type { KeyShareEntry } from '../../common/wire/protocolTypes.ts';
import type { CoordinatorClient } from '../node/CoordinatorClient.ts';
import { KeyShareFolder } from './KeyShareFolder.ts';
import type { ExpectedKeyShares } from './KeyShareRun.ts';
import { invalidShare, openKeyShare } from './openKeyShare.ts';

export interface FetchedKeyShares {
  /** Every sender whose share this site holds now, from this fetch or an earlier one. */
  readonly senders: ReadonlySet<string>;
  /** One KEY_SHARE_INVALID per entry refused by this fetch, naming its sender in the message and as `details.from`. */
  readonly refused: readonly MedflError[];
}

/** Keeps a checked entry; one differing from the entry kept from the same sender is refused and the first one stays. */
function keepChecked(kit: Kit, folder: KeyShareFolder, entry: KeyShareEntry, expected: ExpectedKeyShares): void {
  openKeyShare(kit, entry, expected);
  const kept = folder.entry(entry.fromSite);
  if (!kept) folder.keep(entry);
  else if (keyShareDigest(kept) !== keyShareDigest(entry)) throw invalidShare(entry.fromSite, 'differs from the one it sent before, which this site keeps');
}

/**
 * The rule: each entry is judged alone. A good one is kept (on disk before this resolves) whatever the others are; a
 * bad one is not kept and is reported in `refused`, so the caller can name the sender and decide. A failed call or a
 * malformed message ends the fetch with its error; entries kept until then stay kept.
 */
export async function fetchKeyShares(
  client: Pick<CoordinatorClient, 'fetchKeyShares'>,
  kit: Kit,
  expected: ExpectedKeyShares,
  outDir: string,
): Promise<FetchedKeyShares> {
  const folder = new KeyShareFolder(outDir, expected.runId);
  const refused: MedflError[] = [];
  for await (const entry of client.fetchKeyShares({ runId: expected.runId, codecId: expected.codecId })) {
    try {
      keepChecked(kit, folder, entry, expected);
    } catch (thrown) {
      if (!(thrown instanceof MedflError) || thrown.code !== 'KEY_SHARE_INVALID') throw thrown;
      refused.push(thrown);
    }
  }
  return { senders: new Set(folder.senders()), refused };
}
