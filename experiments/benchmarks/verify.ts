// `npm run bench -- verify`: what a site's check of the aggregate costs before it attests (every leaf's ed25519
// signature, the secret challenges' expansion, <r, aggregate> over every coefficient, unmasking and summing the
// fingerprints) next to the same site decrypting the same aggregate with the real codec; 4, 16 and 64 sites at 1M
// parameters, side by side in one process, in alternating order. To save time every site's signed envelope reuses
// one real encrypted update's ciphertexts (each site still has its own signing key, mask and signature); the aggregate
// is the real keyless fold of those copies.
import { loadavg } from 'node:os';
import nacl from 'tweetnacl';
import { chooseCkksParameters } from '../../common/he/ckksParameters.ts';
import { generateCkksSecretKey } from '../../common/he/ckksSecretKey.ts';
import { createCkksCodec } from '../../common/he/createCkksCodec.ts';
import { createEncryptedSum } from '../../common/he/createEncryptedSum.ts';
import type { UpdateCodec } from '../../common/he/UpdateCodec.ts';
import type { Consortium } from '../../common/kit/Consortium.ts';
import { logger } from '../../common/log.ts';
import { seededRandom } from '../../common/seededRandom.ts';
import { chunksDigest } from '../../common/wire/chunksDigest.ts';
import { contributionsRoot } from '../../common/wire/contributionsRoot.ts';
import { signEnvelope } from '../../common/wire/envelopeSigning.ts';
import type { AggregateHeader, SignedContributionLeaf } from '../../common/wire/protocolTypes.ts';
import { checkLeafSignatures, openAggregateSumCheck } from '../../participant/node/checkAggregateSum.ts';
import { printBenchTable, writeBenchResults, type BenchRow } from '../benchResults.ts';
import { NO_CONSENT_ROOT } from '../../common/consent/consentTree.ts';

const PARAMS = 1_000_000;
const SITE_COUNTS = [4, 16, 64];
const REPEATS = 7;
const EXAMPLES = 100;
const PLAN = { parameterCount: PARAMS, maxSites: 64, clipNorm: 1, maxExamples: 10_000, errorBound: 1e-6 };
const ATTEMPT = { runId: 'bench-verify', round: 1, attempt: 0 };

interface Timing {
  readonly wallMs: number;
  readonly cpuMs: number;
}

/** Wall time and this process's CPU time (user + system) of `work`. */
function timed(work: () => void): Timing {
  const cpu = process.cpuUsage();
  const start = performance.now();
  work();
  const wallMs = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { wallMs, cpuMs: (used.user + used.system) / 1000 };
}

const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
const ms = (value: number) => Number(value.toFixed(1));

interface SignedSite {
  readonly leaf: SignedContributionLeaf;
  readonly signingPublicKey: string;
  readonly fingerprintMs: number;
}

/** Site i's leaf for the shared update: its own key and mask; its fingerprint's cost (incl. c1 expansion) timed. */
function signedSite(codec: UpdateCodec, chunks: readonly Uint8Array[], i: number): SignedSite {
  const site = `site-${String(i).padStart(2, '0')}`;
  const keys = nacl.sign.keyPair.fromSeed(new Uint8Array(32).fill(i + 1));
  const digest = chunksDigest(chunks);
  let maskedFingerprint: Uint8Array = new Uint8Array(0);
  const { wallMs } = timed(() => (maskedFingerprint = codec.sumCheck!.maskedFingerprint(ATTEMPT, site, digest, chunks)));
  const fields = { ...ATTEMPT, site, examples: EXAMPLES, epsilonMicros: 0, consentRoot: NO_CONSENT_ROOT, codecId: codec.codecId, digest, chunkCount: chunks.length, maskedFingerprint };
  const { signature } = signEnvelope(fields, keys.secretKey);
  const address = `0x${(i + 1).toString(16).padStart(40, '0')}`;
  return { leaf: { site, address, examples: EXAMPLES, digest, epsilonMicros: 0, consentRoot: NO_CONSENT_ROOT, maskedFingerprint, envelopeSignature: signature }, signingPublicKey: Buffer.from(keys.publicKey).toString('base64'), fingerprintMs: wallMs };
}

/** The real keyless fold of `count` copies of the update, with the header an honest coordinator announces for it. */
async function aggregateOf(codec: UpdateCodec, chunks: readonly Uint8Array[], sites: readonly SignedSite[]): Promise<{ header: AggregateHeader; aggregate: Uint8Array[] }> {
  const sum = await createEncryptedSum(chooseCkksParameters(PLAN));
  for (let i = 0; i < sites.length; i++) sum.foldUpdate(chunks);
  const aggregate = sum.serialize();
  sum.dispose();
  const contributions = sites.map((site) => site.leaf);
  const header: AggregateHeader = {
    ...ATTEMPT, codecId: codec.codecId, aggregateDigest: chunksDigest(aggregate), contributions, totalExamples: EXAMPLES * sites.length,
    contributionsRoot: contributionsRoot(contributions), chunkCount: aggregate.length, prevModelHash: `0x${'0'.repeat(64)}`, decryptors: [], setHash: '', decryptionShares: [],
  };
  return { header, aggregate };
}

async function measure(codec: UpdateCodec, chunks: readonly Uint8Array[], sites: readonly SignedSite[]): Promise<BenchRow> {
  const { header, aggregate } = await aggregateOf(codec, chunks, sites);
  // Only the fields the check reads: each site's id and signing key.
  const consortium = { sites: sites.map((site) => ({ id: site.leaf.site, address: site.leaf.address, signingPublicKey: site.signingPublicKey })) } as unknown as Consortium;
  const context = { consortium, codec, log: logger() };
  const verify = () => timed(() => {
    const check = openAggregateSumCheck(header, context)!;
    for (const bytes of aggregate) check.add(bytes);
    check.finish();
  });
  const decrypt = () => timed(() => void codec.decryptAggregate(aggregate, header.totalExamples));
  const verifies: Timing[] = [];
  const decrypts: Timing[] = [];
  for (let i = 0; i < REPEATS; i++) {
    // Alternating order, so drift of a shared machine favours neither.
    if (i % 2 === 0) {
      verifies.push(verify());
      decrypts.push(decrypt());
    } else {
      decrypts.push(decrypt());
      verifies.push(verify());
    }
  }
  const signatures = Array.from({ length: REPEATS }, () => timed(() => checkLeafSignatures(header, consortium)).wallMs);
  const wall = (list: Timing[]) => list.map((t) => t.wallMs);
  const cpu = (list: Timing[]) => list.map((t) => t.cpuMs);
  const verifyMs = median(wall(verifies));
  const decryptMs = median(wall(decrypts));
  return {
    sites: sites.length, params: PARAMS,
    verifyMsPerSite: ms(verifyMs), verifyMinMs: ms(Math.min(...wall(verifies))), verifyMaxMs: ms(Math.max(...wall(verifies))), verifyCpuMs: ms(median(cpu(verifies))),
    signaturesMs: ms(median(signatures)),
    decryptMsPerSite: ms(decryptMs), decryptMinMs: ms(Math.min(...wall(decrypts))), decryptMaxMs: ms(Math.max(...wall(decrypts))), decryptCpuMs: ms(median(cpu(decrypts))),
    ratio: Number((verifyMs / decryptMs).toFixed(3)), cpuRatio: Number((median(cpu(verifies)) / median(cpu(decrypts))).toFixed(3)),
    fingerprintMsPerUpload: ms(median(sites.map((site) => site.fingerprintMs))),
  };
}

export async function run(): Promise<void> {
  const params = chooseCkksParameters(PLAN);
  const codec = await createCkksCodec(params, await generateCkksSecretKey(params));
  const random = seededRandom(1, 'bench-verify');
  const chunks = [...codec.encryptUpdate(Float32Array.from({ length: PARAMS }, () => (random.float() - 0.5) * 0.2), EXAMPLES)];
  const sites = Array.from({ length: Math.max(...SITE_COUNTS) }, (_, i) => signedSite(codec, chunks, i));
  await measure(codec, chunks, sites.slice(0, SITE_COUNTS[0])); // warm-up, not recorded: JIT, the wasm heap, node-seal's first objects
  const rows: BenchRow[] = [];
  for (const count of SITE_COUNTS) rows.push(await measure(codec, chunks, sites.slice(0, count)));
  codec.dispose();
  printBenchTable(`A site's aggregate check vs decrypting it: ${PARAMS} parameters, N=${params.polyModulusDegree}, ${params.primeBits}-bit prime, ${params.chunkCount} chunks (one process)`, rows);
  const notes = {
    plan: PLAN, chunkCount: params.chunkCount, polyModulusDegree: params.polyModulusDegree, primeBits: params.primeBits, repeats: REPEATS, loadAverage1m: loadavg()[0] ?? null,
    verifyMsPerSite: 'leaf signatures (node:crypto ed25519) + key derivation + masks + challenge expansion (AES-256-CTR) + <r, aggregate> over every coefficient + unmask/sum, median wall ms of `repeats`, min/max beside; cpu: process.cpuUsage',
    decryptMsPerSite: 'the real codec decrypting the same aggregate (SEAL decrypt, inverse NTT, unpacking), measured alternately with the check',
    fingerprintMsPerUpload: 'a site fingerprinting its own upload at upload time (SEAL c1 expansion + inner products), median over the sites; not part of verifyMsPerSite',
    sites: 'every site\'s signed envelope reuses one real encrypted update\'s ciphertexts; each has its own key, mask and signature; the aggregate is their real keyless fold',
  };
  const file = writeBenchResults('verify', rows, notes);
  process.stdout.write(`\nwrote ${file}\n`);
}
