// Real CKKS updates of three sites (common/he's sum-check fixture) with real ed25519 site keys: the consortium that
// lists those keys, and aggregate headers whose leaves carry each site's signed envelope, for the site-side checks.
import nacl from 'tweetnacl';
import type { Consortium } from '../../../../common/kit/Consortium.ts';
import { chunksDigest } from '../../../../common/wire/chunksDigest.ts';
import { contributionsRoot } from '../../../../common/wire/contributionsRoot.ts';
import { signEnvelope } from '../../../../common/wire/envelopeSigning.ts';
import type { AggregateHeader, SignedContributionLeaf } from '../../../../common/wire/protocolTypes.ts';
import { attempt, params, SITES, sumCheckFixture, type SumCheckFixture } from '../../../common/he/helpers/sumCheckFixture.ts';
import { NO_CONSENT_ROOT } from '../../../../common/consent/consentTree.ts';

const keys = SITES.map((_, i) => nacl.sign.keyPair.fromSeed(new Uint8Array(32).fill(i + 1)));
const address = (i: number) => `0x${String(i + 1).padStart(40, '0')}`;

export const consortium = {
  sites: SITES.map((id, i) => ({ id, address: address(i), signingPublicKey: Buffer.from(keys[i]!.publicKey).toString('base64') })),
} as unknown as Consortium;

/** Each site's leaf as an honest coordinator builds it from the site's signed envelope (examples 10 + i, ε (i + 1) / 2). */
export function signedLeaves(fixture: SumCheckFixture): SignedContributionLeaf[] {
  return fixture.uploads.map(({ site, digest, maskedFingerprint }, i) => {
    const fields = { ...attempt, site, examples: 10 + i, epsilonMicros: 500_000 * (i + 1), consentRoot: NO_CONSENT_ROOT, codecId: params.codecId, digest, chunkCount: params.chunkCount, maskedFingerprint };
    const envelope = signEnvelope(fields, keys[i]!.secretKey);
    return { site, address: address(i), examples: fields.examples, digest, epsilonMicros: fields.epsilonMicros, consentRoot: NO_CONSENT_ROOT, maskedFingerprint, envelopeSignature: envelope.signature };
  });
}

/** The header a coordinator announces for `chunks` with `leaves` (totals and root consistent with the leaves). */
export function headerFor(chunks: readonly Uint8Array[], leaves: readonly SignedContributionLeaf[]): AggregateHeader {
  return {
    ...attempt, codecId: params.codecId, aggregateDigest: chunksDigest(chunks), contributions: leaves, totalExamples: leaves.reduce((sum, leaf) => sum + leaf.examples, 0),
    contributionsRoot: contributionsRoot(leaves), chunkCount: chunks.length, prevModelHash: `0x${'0'.repeat(64)}`, decryptors: [], setHash: '', decryptionShares: [],
  };
}

export { sumCheckFixture, type SumCheckFixture };
