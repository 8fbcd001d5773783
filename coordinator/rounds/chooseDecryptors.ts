// Step 3 under threshold CKKS: which t sites decrypt a closing attempt. Contributors first (they are online and hold
// key shares), then other key holders that reached this coordinator during the attempt; all in consortium order.
export interface DecryptorChoice {
  /** Site ids in consortium order. */
  readonly sites: readonly string[];
  readonly contributors: ReadonlySet<string>;
  readonly keyHolders: readonly string[];
  /** Sites with an open WatchRun or an authenticated call during this attempt. */
  readonly connected: ReadonlySet<string>;
  readonly threshold: number;
}

/** T in consortium order, or why there are not t candidates (the attempt then fails with this reason). */
export function chooseDecryptors(choice: DecryptorChoice): { readonly decryptors: string[] } | { readonly reason: string } {
  const { sites, contributors, keyHolders, connected, threshold } = choice;
  const holders = new Set(keyHolders);
  const first = sites.filter((site) => contributors.has(site));
  const then = sites.filter((site) => !contributors.has(site) && holders.has(site) && connected.has(site));
  const candidates = [...first, ...then];
  if (candidates.length < threshold) {
    const who = candidates.length > 0 ? `only ${candidates.join(', ')} (contributors and connected key holders) can` : 'no contributor or connected key holder can';
    return { reason: `fewer than ${threshold} decryptors: ${who} decrypt` };
  }
  const chosen = new Set(candidates.slice(0, threshold));
  return { decryptors: sites.filter((site) => chosen.has(site)) };
}
