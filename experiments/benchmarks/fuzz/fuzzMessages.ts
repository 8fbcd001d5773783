// What every fuzz case is built from: the open round as the fuzzing site sees it, one well-formed encrypted update of
// its own, and the wire encodings (an update stream, a signed envelope with one field changed) the cases bend.
import { chunksDigest } from '../../../common/wire/chunksDigest.ts';
import { signEnvelope } from '../../../common/wire/envelopeSigning.ts';
import { coordinatorProtos } from '../../../common/wire/loadProtos.ts';
import type { RoundTask, UpdateEnvelope, UpdateEnvelopeFields } from '../../../common/wire/protocolTypes.ts';
import { toWireUpdatePart } from '../../../common/wire/wireCodec.ts';
import type { SeededRandom } from '../../../common/seededRandom.ts';
import type { CoordinatorMethod } from './FuzzClient.ts';
import { NO_CONSENT_ROOT } from '../../../common/consent/consentTree.ts';

/** The four attack surfaces the issue names; every case belongs to one. */
export const FUZZ_CATEGORIES = ['bytes', 'fields', 'ciphertext', 'envelope'] as const;
export type FuzzCategory = (typeof FUZZ_CATEGORIES)[number];

export interface FuzzMaterial {
  /** The attempt open while the fuzz runs. */
  readonly task: RoundTask;
  /** The fuzzing site (its mTLS identity and signing key are what every case is sent with). */
  readonly site: string;
  readonly signingSecretKey: Uint8Array;
  /** An honest site of the same run, whose name a case may borrow. */
  readonly otherSite: string;
  /** A well-formed encryption of a zero update under the run's codec, and its masked sum-check fingerprint. */
  readonly chunks: readonly Uint8Array[];
  readonly maskedFingerprint: Uint8Array;
  readonly examples: number;
}

/** One malformed message (or stream of them) for one method; `kind` says what is wrong with it. */
export interface FuzzCase {
  readonly category: FuzzCategory;
  readonly kind: string;
  readonly method: CoordinatorMethod;
  readonly messages: readonly Buffer[];
}

/** A case generator: the method and messages for one kind of malformation, drawn with `random`. */
export type CaseMaker = (random: SeededRandom, material: FuzzMaterial) => Pick<FuzzCase, 'method' | 'messages'>;

/** `message` as the method's request bytes, exactly as a grpc-js client would serialize it. */
export function encode(method: CoordinatorMethod, message: object): Buffer {
  return coordinatorProtos().service[method]!.requestSerialize(message);
}

/** `length` seeded bytes, four per draw (cases send up to a megabyte of them). */
export function randomBytes(random: SeededRandom, length: number): Buffer {
  const bytes = Buffer.alloc(Math.ceil(length / 4) * 4);
  for (let i = 0; i < bytes.length; i += 4) bytes.writeUInt32LE(random.uint32(), i);
  return bytes.subarray(0, length);
}

/** The envelope an honest upload of `chunks` would carry, with `change` applied before signing. */
export function envelopeFields(material: FuzzMaterial, chunks: readonly Uint8Array[], change: Partial<UpdateEnvelopeFields> = {}): UpdateEnvelopeFields {
  const { task, site, maskedFingerprint, examples } = material;
  const honest = { runId: task.runId, round: task.round, attempt: task.attempt, site, examples, codecId: task.codecId, digest: chunksDigest(chunks), chunkCount: chunks.length, maskedFingerprint, epsilonMicros: 0, consentRoot: NO_CONSENT_ROOT };
  return { ...honest, ...change };
}

export function signedEnvelope(material: FuzzMaterial, chunks: readonly Uint8Array[], change: Partial<UpdateEnvelopeFields> = {}): UpdateEnvelope {
  return signEnvelope(envelopeFields(material, chunks, change), material.signingSecretKey);
}

/** SubmitUpdate's request bytes: the envelope, then each chunk with the index given (its position by default). */
export function updateStream(envelope: UpdateEnvelope | undefined, chunks: readonly Uint8Array[], indices: readonly number[] = chunks.map((_, i) => i)): Buffer[] {
  const head = envelope ? [encode('SubmitUpdate', toWireUpdatePart({ envelope }))] : [];
  return [...head, ...chunks.map((data, i) => encode('SubmitUpdate', toWireUpdatePart({ chunk: { index: indices[i] ?? i, data } })))];
}

/**
 * A SubmitUpdate case: the chunks as sent, under an envelope signed over them with `change`, which is required: with
 * no change (and the material's chunks) this is the honest upload, which the coordinator would rightly take.
 */
export function signedUpdate(material: FuzzMaterial, chunks: readonly Uint8Array[], change: Partial<UpdateEnvelopeFields>): Pick<FuzzCase, 'method' | 'messages'> {
  return { method: 'SubmitUpdate', messages: updateStream(signedEnvelope(material, chunks, change), chunks) };
}
