// The share payloads a site holds for a run, read back from its out folder (after a restart too) and checked again.
import type { Kit } from '../../common/kit/loadKit.ts';
import { KeyShareFolder } from './KeyShareFolder.ts';
import type { ExpectedKeyShares } from './KeyShareRun.ts';
import { openKeyShare } from './openKeyShare.ts';

/** By sender, each kept entry opened; a kept file that no longer checks out is KEY_SHARE_INVALID naming its sender. */
export function heldKeyShares(kit: Kit, expected: ExpectedKeyShares, outDir: string): Map<string, Uint8Array> {
  const folder = new KeyShareFolder(outDir, expected.runId);
  return new Map(folder.senders().flatMap((sender) => {
    const entry = folder.entry(sender);
    return entry ? [[sender, openKeyShare(kit, entry, expected)] as const] : [];
  }));
}
