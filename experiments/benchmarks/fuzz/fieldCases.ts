// Category `fields`: well-formed protobuf with values the coordinator must refuse. Update envelopes are signed after
// the change, so each reaches the check for its own field: unknown run, wrong round or attempt, counts far out of
// range, oversized strings and bytes, chunks with wrong indices, out of order, missing or duplicated, streams that end
// early or start wrong; and the other calls a site makes (attestations, fetches, shares, key shares) aimed at nothing.
import type { SeededRandom } from '../../../common/seededRandom.ts';
import { encode, randomBytes, signedEnvelope, signedUpdate, updateStream, type CaseMaker, type FuzzMaterial } from './fuzzMessages.ts';

const UINT32_MAX = 2 ** 32 - 1;
const hex = (random: SeededRandom, bytes: number): string => `0x${randomBytes(random, bytes).toString('hex')}`;
/** A string of 64 KiB to 1 MiB: far past any id, well inside the 4 MiB message limit. */
const longString = (random: SeededRandom): string => 'x'.repeat(65_536 + random.int(983_040));

function chunkStream(material: FuzzMaterial, chunks: readonly Uint8Array[], indices: readonly number[]): Buffer[] {
  return updateStream(signedEnvelope(material, material.chunks), chunks, indices);
}

const attestation = (random: SeededRandom, material: FuzzMaterial, runId: string) => ({
  runId, round: material.task.round, attempt: material.task.attempt, site: material.site, prevModelHash: hex(random, 32), modelHash: hex(random, 32),
  aggregateDigest: hex(random, 32), contributionsRoot: hex(random, 32), totalExamples: random.int(UINT32_MAX), signature: hex(random, 65),
  metrics: { loss: random.float(), accuracy: random.float(), brier: random.float(), examples: random.int(1000), positiveRate: random.float() },
});

export const FIELD_CASES: Record<string, CaseMaker> = {
  'unknown run id': (random, material) => signedUpdate(material, material.chunks, { runId: hex(random, 32) }),
  'wrong round': (random, material) => signedUpdate(material, material.chunks, { round: material.task.round + 1 + random.int(UINT32_MAX - material.task.round - 1) }),
  'wrong attempt': (random, material) => signedUpdate(material, material.chunks, { attempt: material.task.attempt + 1 + random.int(5) }),
  'huge example count': (random, material) => signedUpdate(material, material.chunks, { examples: UINT32_MAX - random.int(1000) }),
  'zero examples': (_random, material) => signedUpdate(material, material.chunks, { examples: 0 }),
  'huge chunk count': (random, material) => signedUpdate(material, material.chunks, { chunkCount: UINT32_MAX - random.int(1000) }),
  'oversized string': (random, material) => signedUpdate(material, material.chunks, { codecId: longString(random) }),
  'oversized bytes': (random, material) => signedUpdate(material, material.chunks, { maskedFingerprint: randomBytes(random, 65_536 + random.int(983_040)) }),
  'chunk index out of range': (random, material) => ({ method: 'SubmitUpdate', messages: chunkStream(material, material.chunks, material.chunks.map(() => material.chunks.length + random.int(UINT32_MAX - material.chunks.length))) }),
  // Index 1 first: past the end of a one-chunk update, or where chunk 0 belongs in a longer one.
  'chunks out of order': (_random, material) => ({ method: 'SubmitUpdate', messages: chunkStream(material, [material.chunks[0]!, ...material.chunks], [1, ...material.chunks.map((_, i) => i)]) }),
  'duplicated chunk': (_random, material) => {
    const last = material.chunks.length - 1;
    return { method: 'SubmitUpdate', messages: chunkStream(material, [...material.chunks, material.chunks[last]!], [...material.chunks.map((_, i) => i), last]) };
  },
  'missing chunk': (_random, material) => ({ method: 'SubmitUpdate', messages: chunkStream(material, material.chunks.slice(0, -1), material.chunks.slice(0, -1).map((_, i) => i)) }),
  'chunk before envelope': (_random, material) => ({ method: 'SubmitUpdate', messages: updateStream(undefined, material.chunks) }),
  'two envelopes': (_random, material) => ({ method: 'SubmitUpdate', messages: [...updateStream(signedEnvelope(material, material.chunks), []), ...updateStream(signedEnvelope(material, material.chunks), material.chunks)] }),
  'empty stream': () => ({ method: 'SubmitUpdate', messages: [] }),
  'neither envelope nor chunk': () => ({ method: 'SubmitUpdate', messages: [encode('SubmitUpdate', {})] }),
  'attestation for an unknown run': (random, material) => ({ method: 'SubmitAttestation', messages: [encode('SubmitAttestation', attestation(random, material, hex(random, 32)))] }),
  'attestation with a random signature': (random, material) => ({ method: 'SubmitAttestation', messages: [encode('SubmitAttestation', attestation(random, material, material.task.runId))] }),
  'aggregate of a far round': (random) => ({ method: 'FetchAggregate', messages: [encode('FetchAggregate', { round: 2 + random.int(UINT32_MAX - 2) })] }),
  'contributions of a round never committed': (random) => ({ method: 'GetContributions', messages: [encode('GetContributions', { round: random.int(2) === 0 ? 0 : 1 + random.int(UINT32_MAX) })] }),
  'decryption share out of turn': (random, material) => {
    const { task, site } = material;
    const envelope = { runId: task.runId, round: task.round, attempt: task.attempt, site, codecId: task.codecId, setHash: hex(random, 32), digest: hex(random, 32), chunkCount: 1, maskedFingerprint: randomBytes(random, 8), signature: randomBytes(random, 64) };
    return { method: 'SubmitDecryptionShare', messages: [encode('SubmitDecryptionShare', { envelope }), encode('SubmitDecryptionShare', { chunk: { index: 0, data: randomBytes(random, 1 + random.int(4096)) } })] };
  },
  'key shares for an unknown run': (random, material) => {
    const entry = { runId: hex(random, 32), codecId: material.task.codecId, fromSite: material.site, toSite: material.otherSite, threshold: random.int(UINT32_MAX), payloadSealed: randomBytes(random, 17 + random.int(2048)), nonce: randomBytes(random, 24), signature: randomBytes(random, 64) };
    return { method: 'SubmitKeyShares', messages: [encode('SubmitKeyShares', entry)] };
  },
  'key shares of an unknown run': (random) => ({ method: 'FetchKeyShares', messages: [encode('FetchKeyShares', { runId: hex(random, 32), codecId: hex(random, 32) })] }),
};
