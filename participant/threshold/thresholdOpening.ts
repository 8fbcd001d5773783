// Step 4's opening under threshold CKKS: the aggregate streams as the contributors' folded c0s, then the decryptors'
// folded shares. Both folds come from the coordinator, so each is checked against what its parties signed (the c0
// fold against the contribution leaves, the share fold against the share leaves, by G-keyed fingerprints) before
// the mean is used; the share leaves' signatures are checked before any chunk.
import type { Consortium } from '../../common/kit/Consortium.ts';
import { MedflError } from '../../common/MedflError.ts';
import { isDecryptionShareSignatureValid } from '../../common/wire/decryptionShareSigning.ts';
import type { AggregateHeader, DecryptionShareEnvelope, DecryptionShareLeaf } from '../../common/wire/protocolTypes.ts';
import type { ThresholdSiteCodec } from '../ports.ts';
import { attemptSession } from './attemptSession.ts';
import { aggregateMaskKey } from './groupSecrets.ts';
import type { RunKeys } from './keySetup.ts';

/** Reads one header's two folds, in stream order; `finish` checks both and returns the example-weighted mean. */
export interface ThresholdFolds {
  addChunk(bytes: Uint8Array): void;
  addShareChunk(bytes: Uint8Array): void;
  finish(): Float32Array;
}

export interface ThresholdOpening {
  /** Checks the header's decryptors and share leaves (SHARE_INVALID naming a bad one) before any chunk is read. */
  open(header: AggregateHeader): ThresholdFolds;
}

export interface OpeningParts {
  readonly codec: Pick<ThresholdSiteCodec, 'codecId' | 'openAggregate' | 'sumCheck'>;
  readonly consortium: Consortium;
  /** The attempt's key holders (its task's) and what this site holds for them. */
  readonly keyHolders: readonly string[];
  readonly keys: RunKeys;
}

/** The envelope a share leaf's decryptor signed: the attempt, codec and set hash from the header, the rest from the leaf. */
export function shareLeafEnvelope(header: AggregateHeader, leaf: DecryptionShareLeaf): DecryptionShareEnvelope {
  const { runId, round, attempt, codecId, chunkCount, setHash } = header;
  const { site, digest, maskedFingerprint, envelopeSignature } = leaf;
  return { runId, round, attempt, site, codecId, setHash: setHash as DecryptionShareEnvelope['setHash'], digest, chunkCount, maskedFingerprint, signature: envelopeSignature };
}

/** SHARE_INVALID unless the share leaves are the decryptors', once each, each signed by its decryptor over this set. */
export function checkShareLeaves(header: AggregateHeader, consortium: Consortium): void {
  const sites = header.decryptionShares.map((leaf) => leaf.site);
  if (sites.length !== header.decryptors.length || header.decryptors.some((site) => !sites.includes(site))) {
    throw new MedflError('SHARE_INVALID', `the aggregate of round ${header.round} carries shares of [${sites.join(', ')}], not one of each decryptor [${header.decryptors.join(', ')}]; not attesting`);
  }
  for (const leaf of header.decryptionShares) {
    const site = consortium.sites.find((entry) => entry.id === leaf.site);
    const key = site && new Uint8Array(Buffer.from(site.signingPublicKey, 'base64'));
    if (!key || !isDecryptionShareSignatureValid(shareLeafEnvelope(header, leaf), key)) {
      throw new MedflError('SHARE_INVALID', `the aggregate's share leaf for ${leaf.site} is not the decryption share ${leaf.site} signed for set ${header.setHash} of round ${header.round} attempt ${header.attempt}; not attesting`, { details: { site: leaf.site } });
    }
  }
}

export function createThresholdOpening(parts: OpeningParts): ThresholdOpening {
  const { codec, consortium, keyHolders, keys } = parts;
  return {
    open(header) {
      checkShareLeaves(header, consortium);
      const session = attemptSession(header, consortium, keyHolders);
      const sumCheck = codec.sumCheck(keys.groupSecret);
      const aggregateCheck = sumCheck.openAggregateCheck(session.attempt, header.contributions);
      const shareCheck = sumCheck.openFoldCheck(session.attempt, header.decryptionShares, { fold: 'decryption-share sum', leaves: 'signed decryption shares' });
      const aggregateChunks: Uint8Array[] = [];
      const shareSumChunks: Uint8Array[] = [];
      return {
        addChunk(bytes) {
          aggregateCheck.add(bytes);
          aggregateChunks.push(bytes);
        },
        addShareChunk(bytes) {
          shareCheck.add(bytes);
          shareSumChunks.push(bytes);
        },
        finish() {
          aggregateCheck.finish();
          shareCheck.finish();
          const maskKey = aggregateMaskKey(keys.groupSecret, codec.codecId, session.attempt);
          return codec.openAggregate({ session, aggregateChunks, shareSumChunks, maskKey, totalExamples: header.totalExamples });
        },
      };
    },
  };
}
