// The dishonest site's attacks on its own update for one round: each either changes what its codec encrypts or
// rewrites the signed envelope (re-signed with the site's own key, so the coordinator's checks still pass).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { VALUE_HEADROOM } from '../../../common/he/ckksParameters.ts';
import { exampleCap } from '../../../common/plan/exampleCap.ts';
import type { Plan } from '../../../common/plan/planSchema.ts';
import { chunksDigest } from '../../../common/wire/chunksDigest.ts';
import type { UpdateEnvelope, UpdateEnvelopeFields } from '../../../common/wire/protocolTypes.ts';
import { CLAIMED_EXAMPLES } from './cast.ts';
import { withRandomFingerprint } from './fingerprintHooks.ts';

/** The site's honest encryption and what it encrypted last; the attack round's update is the last one. */
export interface SiteSecrets {
  readonly plan: Plan;
  /** The site's out folder (its --out). */
  readonly outDir: string;
  /** The round being encrypted. */
  readonly round: number;
  encrypt(update: Float32Array, examples: number): Uint8Array[];
  readonly lastUpdate: Float32Array;
}

export interface Upload {
  readonly fields: UpdateEnvelopeFields;
  readonly chunks: readonly Uint8Array[];
}

export interface SiteAttack {
  /** Replaces what the codec yields for this round's update. */
  encrypt?(secrets: SiteSecrets, update: Float32Array, examples: number): Uint8Array[];
  /** Rewrites the upload before it is signed and sent. */
  upload?(secrets: SiteSecrets, upload: Upload): Upload;
  /** Runs once the coordinator has acknowledged this round's upload. */
  uploaded?(): void;
  /** Runs instead of sending this round's decryption share (threshold CKKS). */
  share?(): void;
}

/** Ends the process a moment after its last line (the attack announcement) has been written. */
function leave(): void {
  setTimeout(() => process.exit(0), 200);
}

/** Where `record-update` keeps what the site encrypted in `round`: the update before weighting, and its weight. */
export const recordedUpdateFile = (outDir: string, round: number): string => join(outDir, `recorded-update-round-${round}.json`);

export const SITE_ATTACKS: Record<string, SiteAttack> = {
  /**
   * (a) Claims CLAIMED_EXAMPLES examples so its update would dominate the mean. Its ciphertext is weighted by the most
   * its own codec encrypts (the plan's cap); the claim in the signed envelope is what the defence must refuse.
   */
  'inflate-examples': {
    upload: (secrets, { fields }) => {
      const chunks = secrets.encrypt(secrets.lastUpdate, exampleCap(secrets.plan));
      return { fields: { ...fields, examples: CLAIMED_EXAMPLES, digest: chunksDigest(chunks), chunkCount: chunks.length }, chunks };
    },
  },
  /**
   * (b) Every coordinate ×1e6, then held at the codec's own per-coordinate ceiling (4·clipNorm; beyond it the sum
   * could wrap): the codec checks coordinates but not the L2 norm, so an update ~15× the clip bound goes out.
   */
  'scale-values': {
    encrypt: (secrets, update, examples) => {
      const ceiling = secrets.plan.privacy.clipNorm * VALUE_HEADROOM;
      return secrets.encrypt(update.map((value) => Math.max(-ceiling, Math.min(ceiling, value * 1e6))), examples);
    },
  },
  /**
   * Not an attack: an honest site that also writes down what it encrypted, so a test can compare a model (or what
   * colluders recover) with the truth. Each encryption of the round overwrites the record: the last one was sent.
   */
  'record-update': {
    encrypt: (secrets, update, examples) => {
      const file = recordedUpdateFile(secrets.outDir, secrets.round);
      writeFileSync(file, JSON.stringify({ examples, update: Array.from(update) }));
      return secrets.encrypt(update, examples);
    },
  },
  /** Not an attack: the site leaves (its process ends) as soon as its update is acknowledged. */
  'leave-after-upload': { uploaded: leave },
  /** Not an attack: the site leaves (its process ends) when it would send its decryption share. */
  'leave-before-share': { share: leave },
  /** (d) A random masked fingerprint in the signed envelope (a denial of service on the aggregate check). */
  'scramble-fingerprint': {
    upload: (_secrets, upload) => {
      return { ...upload, fields: withRandomFingerprint(upload.fields) };
    },
  },
};

export const envelopeFields = ({ signature: _signature, ...fields }: UpdateEnvelope): UpdateEnvelopeFields => fields;
