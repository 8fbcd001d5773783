// A site's data read again only when they changed: before each later round the node asks for its split, and a hospital's
// export that no Consent or new record touched since the last read is not imported anew.
import type { SiteSplit } from '../../datasets/tabular.ts';

/**
 * `read`, or the split it last returned while `stamp` (datasets/siteDataStamp.ts) gives what it gave before that read.
 * Without a stamp every call reads.
 */
export function splitReader(stamp: (() => string) | undefined, read: () => Promise<SiteSplit>): () => Promise<SiteSplit> {
  let last: { readonly stamp: string; readonly split: SiteSplit } | undefined;
  return async () => {
    // Stamped before reading: a file changed during the read moves the next stamp, so it is read again then.
    const now = stamp?.();
    if (now !== undefined && last?.stamp === now) return last.split;
    const split = await read();
    if (now !== undefined) last = { stamp: now, split };
    return split;
  };
}
