// Before a site attests, the aggregate's contributions: every leaf must be the envelope its site signed
// (CONTRIBUTION_SIGNATURE_INVALID naming the site), and the aggregate streaming in must be the fold of exactly those
// signed updates (AGGREGATE_FORGED naming the failed challenges, from the codec's sum check). The plaintext codec has
// no shared secret to hide challenges with: its signatures are checked, its sum is not (one warning says so).
import type { Consortium } from '../../common/kit/Consortium.ts';
import type { Logger } from '../../common/log.ts';
import { MedflError } from '../../common/MedflError.ts';
import type { AggregateSumCheck } from '../../common/he/UpdateCodec.ts';
import { isEnvelopeSignatureValid } from '../../common/wire/envelopeSigning.ts';
import type { AggregateHeader, SignedContributionLeaf, UpdateEnvelope } from '../../common/wire/protocolTypes.ts';
import type { SiteCodec } from '../ports.ts';

export interface SumCheckContext {
  readonly consortium: Consortium;
  readonly codec: Pick<SiteCodec, 'sumCheck'>;
  readonly log: Logger;
}

/** The update envelope a leaf's site signed: the attempt's fields from the header, the rest from the leaf. */
export function leafEnvelope(header: AggregateHeader, leaf: SignedContributionLeaf): UpdateEnvelope {
  const { runId, round, attempt, codecId, chunkCount } = header;
  const { site, examples, digest, maskedFingerprint, envelopeSignature, epsilonMicros, consentRoot } = leaf;
  return { runId, round, attempt, site, examples, codecId, digest, chunkCount, maskedFingerprint, epsilonMicros, consentRoot, signature: envelopeSignature };
}

/** Throws CONTRIBUTION_SIGNATURE_INVALID, naming the first site whose leaf its signing key in consortium.json does not sign. */
export function checkLeafSignatures(header: AggregateHeader, consortium: Consortium): void {
  for (const leaf of header.contributions) {
    const site = consortium.sites.find((entry) => entry.id === leaf.site);
    const key = site && new Uint8Array(Buffer.from(site.signingPublicKey, 'base64'));
    if (!key || !isEnvelopeSignatureValid(leafEnvelope(header, leaf), key)) {
      throw new MedflError(
        'CONTRIBUTION_SIGNATURE_INVALID',
        `the aggregate's leaf for ${leaf.site} is not the update envelope ${leaf.site} signed for run ${header.runId} round ${header.round} attempt ${header.attempt} (examples, digest, ε or masked fingerprint altered, or not signed with ${leaf.site}'s key); not attesting`,
        { details: { site: leaf.site } },
      );
    }
  }
}

/** Checks every leaf's signature now; returns the sum check the aggregate's chunks go through (none under plaintext). */
export function openAggregateSumCheck(header: AggregateHeader, context: SumCheckContext): AggregateSumCheck | undefined {
  checkLeafSignatures(header, context.consortium);
  const { sumCheck } = context.codec;
  if (!sumCheck) {
    context.log.warn({ round: header.round }, 'plaintext codec: leaf signatures checked, but not that the aggregate is their sum (no shared secret)');
    return undefined;
  }
  return sumCheck.openAggregateCheck({ runId: header.runId, round: header.round, attempt: header.attempt }, header.contributions);
}
