// Step 0 under threshold CKKS, before a site's first contribution in a run: it sends every other site a Shamir share
// of its secret (with its group contribution), then gathers the shares every key holder of a task sent it. What it
// holds after a restart comes from its out folder: the shares it made (OwnKeyShares.ts) and those it was sent.
import type { Kit } from '../../common/kit/loadKit.ts';
import type { Logger } from '../../common/log.ts';
import { MedflError } from '../../common/MedflError.ts';
import { fetchKeyShares } from '../keyShares/fetchKeyShares.ts';
import { heldKeyShares } from '../keyShares/heldKeyShares.ts';
import type { ExpectedKeyShares } from '../keyShares/KeyShareRun.ts';
import { submitKeyShares } from '../keyShares/submitKeyShares.ts';
import type { CoordinatorClient } from '../node/CoordinatorClient.ts';
import type { ThresholdSiteCodec } from '../ports.ts';
import { groupSecret } from './groupSecrets.ts';
import { ownKeyShares } from './OwnKeyShares.ts';
import { decodeSharePayload, encodeSharePayload, sharePayloadBytes } from './sharePayload.ts';

export interface KeySetup {
  readonly kit: Kit;
  readonly outDir: string;
  readonly codec: Pick<ThresholdSiteCodec, 'codecId' | 'threshold' | 'degree' | 'shareKey' | 'groupContribution'>;
  readonly client: Pick<CoordinatorClient, 'submitKeyShares' | 'fetchKeyShares'>;
  readonly log: Logger;
}

/** What a site holds for a task's key holders: each one's Shamir share for its point (its own included), and G. */
export interface RunKeys {
  readonly shares: ReadonlyMap<string, BigUint64Array>;
  readonly groupSecret: Uint8Array;
}

const pointOf = (kit: Kit, site: string): number => kit.consortium.sites.findIndex((entry) => entry.id === site) + 1;

function expectedShares(setup: KeySetup, runId: string): ExpectedKeyShares {
  const { codec } = setup;
  return { runId, codecId: codec.codecId, threshold: codec.threshold, payloadBytes: sharePayloadBytes(codec.degree) };
}

/** This site's payloads for the run, every site's included: made and kept the first time, read back after that. */
function ownPayloads(setup: KeySetup, runId: string): Map<string, Uint8Array> {
  const { kit, codec } = setup;
  return ownKeyShares(setup.outDir, { runId, codecId: codec.codecId }, () => {
    const sites = kit.consortium.sites.map((site) => site.id);
    const shares = codec.shareKey(sites.map((site) => pointOf(kit, site)));
    const groupContribution = codec.groupContribution(runId);
    return new Map(sites.map((site, i) => [site, encodeSharePayload({ share: shares[i]!, groupContribution })]));
  });
}

/** Sends this site's shares for the run (the kept ones again after a restart: the coordinator acknowledges them again). */
export async function submitOwnKeyShares(setup: KeySetup, runId: string): Promise<void> {
  const payloads = ownPayloads(setup, runId);
  const receipt = await submitKeyShares(setup.client, setup.kit, expectedShares(setup, runId), (site) => payloads.get(site)!);
  setup.log.info({ runId, entries: receipt.entries }, 'key shares held by the coordinator');
}

/**
 * The task's key holders' shares and G, fetching what is not held yet; undefined (with a KEY_SHARES_MISSING warning)
 * while a key holder's share is missing or this site is not a key holder: the site sits this attempt out.
 */
export async function gatherKeyShares(setup: KeySetup, runId: string, keyHolders: readonly string[]): Promise<RunKeys | undefined> {
  const { kit, codec, log } = setup;
  const expected = expectedShares(setup, runId);
  const others = keyHolders.filter((site) => site !== kit.id);
  let held = heldKeyShares(kit, expected, setup.outDir);
  if (others.some((site) => !held.has(site))) {
    const fetched = await fetchKeyShares(setup.client, kit, expected, setup.outDir);
    for (const refused of fetched.refused) log.warn({ code: refused.code, from: refused.details.from }, refused.message);
    held = heldKeyShares(kit, expected, setup.outDir);
  }
  const missing = [...others.filter((site) => !held.has(site)), ...(keyHolders.includes(kit.id) ? [] : [kit.id])];
  if (missing.length > 0) {
    const error = new MedflError('KEY_SHARES_MISSING', `no key shares from ${missing.join(', ')} for run ${runId} yet (key holders: ${keyHolders.join(', ') || 'none'}); sitting this attempt out`);
    log.warn({ code: error.code, missing }, error.message);
    return undefined;
  }
  const payloads = new Map([...held, [kit.id, ownPayloads(setup, runId).get(kit.id)!]]);
  const decoded = new Map([...payloads].map(([site, bytes]) => [site, decodeSharePayload(bytes, codec.degree, site)]));
  const contributions = new Map([...decoded].map(([site, payload]) => [site, payload.groupContribution]));
  return {
    shares: new Map([...decoded].map(([site, payload]) => [site, payload.share])),
    groupSecret: groupSecret(kit.consortium, keyHolders, contributions),
  };
}
