// Four sites with real threshold codecs (each from its own kit seed), their key shares exchanged through an in-memory
// relay standing in for the coordinator (which only stores and forwards sealed entries), and one round attempt's
// signed contributions: what the decryption and opening tests build on. Leaves temporary folders to `cleanup`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chooseCkksParameters } from '../../../../common/he/ckksParameters.ts';
import { createPolynomialSum } from '../../../../common/he/threshold/createPolynomialSum.ts';
import type { Kit } from '../../../../common/kit/loadKit.ts';
import { logger } from '../../../../common/log.ts';
import { seededRandom } from '../../../../common/seededRandom.ts';
import { attemptSetHash } from '../../../../common/wire/attemptSetHash.ts';
import { chunksDigest } from '../../../../common/wire/chunksDigest.ts';
import { contributionsRoot } from '../../../../common/wire/contributionsRoot.ts';
import { signEnvelope } from '../../../../common/wire/envelopeSigning.ts';
import type { AggregateHeader, FetchKeySharesRequest, KeyShareEntry, SignedContributionLeaf } from '../../../../common/wire/protocolTypes.ts';
import type { ThresholdSiteCodec } from '../../../../participant/ports.ts';
import { gatherKeyShares, submitOwnKeyShares, type KeySetup, type RunKeys } from '../../../../participant/threshold/keySetup.ts';
import { thresholdSiteCodec } from '../../../../participant/wiring.ts';
import { SHARE_SITES, shareKits, type ShareSite } from '../../keyShares/helpers/shareKits.ts';
import { NO_CONSENT_ROOT } from '../../../../common/consent/consentTree.ts';

export const PARAMETERS = 3000;
export const params = chooseCkksParameters({ parameterCount: PARAMETERS, maxSites: SHARE_SITES.length, clipNorm: 1, maxExamples: 100, threshold: 2 });
export const RUN = '1';
export const attempt = { runId: RUN, round: 1, attempt: 0 };
export const PREV_MODEL = `0x${'ab'.repeat(32)}` as const;

/** The relay as sites see it: SubmitKeyShares stores a sender's entries, FetchKeyShares streams those addressed to the caller. */
export function keyShareRelay() {
  const entries: KeyShareEntry[] = [];
  const clientFor = (site: string) => ({
    submitKeyShares: async (sent: Iterable<KeyShareEntry> | AsyncIterable<KeyShareEntry>) => {
      const list: KeyShareEntry[] = [];
      for await (const entry of sent) list.push(entry);
      entries.push(...list);
      return { runId: list[0]!.runId, codecId: list[0]!.codecId, fromSite: site, entries: list.length };
    },
    async *fetchKeyShares(request: FetchKeySharesRequest) {
      for (const entry of entries) if (entry.toSite === site && entry.runId === request.runId) yield entry;
    },
  });
  return { entries, clientFor };
}

export interface ThresholdSite {
  readonly kit: Kit;
  readonly outDir: string;
  readonly codec: ThresholdSiteCodec;
  setup(client: KeySetup['client']): KeySetup;
}

export interface ThresholdWorld {
  readonly sites: Record<ShareSite, ThresholdSite>;
  readonly relay: ReturnType<typeof keyShareRelay>;
  /** Every site's keys once all four sent their shares (all key holders). */
  readonly keys: Record<ShareSite, RunKeys>;
  readonly updates: Record<ShareSite, Float32Array>;
  readonly examples: Record<ShareSite, number>;
  /** The signed leaves and c0 chunks of `contributors`, and the header of that attempt with `decryptors` (no shares yet). */
  attemptOf(contributors: readonly ShareSite[], decryptors: readonly ShareSite[]): Promise<{ header: AggregateHeader; uploads: Uint8Array[][]; aggregate: Uint8Array[] }>;
  cleanup(): void;
}

export async function thresholdWorld(): Promise<ThresholdWorld> {
  const root = mkdtempSync(join(tmpdir(), 'medfl-threshold-'));
  const kits = shareKits();
  const relay = keyShareRelay();
  const random = seededRandom(15, 'threshold world');
  const entries = await Promise.all(SHARE_SITES.map(async (id) => {
    const kitDir = mkdtempSync(join(root, `kit-${id}-`));
    const kit = { ...kits[id], dir: kitDir } as Kit;
    const outDir = join(root, `out-${id}`);
    const codec = await thresholdSiteCodec(params, kitDir);
    const site: ThresholdSite = { kit, outDir, codec, setup: (client) => ({ kit, outDir, codec, client, log: logger() }) };
    return [id, site] as const;
  }));
  const sites = Object.fromEntries(entries) as Record<ShareSite, ThresholdSite>;
  for (const id of SHARE_SITES) await submitOwnKeyShares(sites[id].setup(relay.clientFor(id)), RUN);
  const keys = {} as Record<ShareSite, RunKeys>;
  for (const id of SHARE_SITES) keys[id] = (await gatherKeyShares(sites[id].setup(relay.clientFor(id)), RUN, SHARE_SITES))!;
  const updates = Object.fromEntries(SHARE_SITES.map((id) => [id, Float32Array.from({ length: PARAMETERS }, () => (random.float() - 0.5) * 0.2)])) as Record<ShareSite, Float32Array>;
  const examples = Object.fromEntries(SHARE_SITES.map((id, i) => [id, 10 + 7 * i])) as Record<ShareSite, number>;

  async function attemptOf(contributors: readonly ShareSite[], decryptors: readonly ShareSite[]) {
    const uploads = contributors.map((id) => [...sites[id].codec.encryptUpdate(updates[id], examples[id], attempt)]);
    const leaves: SignedContributionLeaf[] = contributors.map((id, i) => {
      const chunks = uploads[i]!;
      const digest = chunksDigest(chunks);
      const maskedFingerprint = sites[id].codec.sumCheck(keys[id].groupSecret).maskedFingerprint(attempt, id, digest, chunks);
      const envelope = signEnvelope({ ...attempt, site: id, examples: examples[id], epsilonMicros: 0, consentRoot: NO_CONSENT_ROOT, codecId: params.codecId, digest, chunkCount: chunks.length, maskedFingerprint }, kits[id].signingSecretKey!);
      return { site: id, address: `0x${String(i + 1).repeat(40)}`, examples: examples[id], digest, epsilonMicros: 0, consentRoot: NO_CONSENT_ROOT, maskedFingerprint, envelopeSignature: envelope.signature };
    });
    const sum = await createPolynomialSum(params, contributors.length);
    for (const chunks of uploads) sum.fold(chunks);
    const aggregate = sum.serialize();
    const setHash = attemptSetHash({ ...attempt, contributions: leaves.map(({ site, digest }) => ({ site, digest })), decryptors });
    const header: AggregateHeader = {
      ...attempt, codecId: params.codecId, aggregateDigest: chunksDigest(aggregate), contributions: leaves,
      totalExamples: contributors.reduce((total, id) => total + examples[id], 0), contributionsRoot: contributionsRoot(leaves),
      chunkCount: params.chunkCount, prevModelHash: PREV_MODEL, decryptors, setHash, decryptionShares: [],
    };
    return { header, uploads, aggregate };
  }

  return {
    sites, relay, keys, updates, examples, attemptOf,
    cleanup() {
      for (const id of SHARE_SITES) sites[id].codec.dispose();
      rmSync(root, { recursive: true, force: true });
    },
  };
}
