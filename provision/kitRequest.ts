// Distributed provisioning, the party's side: `medfl kit init` makes every private key on the party's own machine
// and writes request.json, the only file that leaves it: a PKCS#10 request for its TLS key and its public keys,
// with signatures by its ed25519 and Ethereum keys over the request, so nobody can swap a key in transit unnoticed.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Wallet, verifyMessage } from 'ethers';
import nacl from 'tweetnacl';
import { z } from 'zod';
import { canonicalHash } from '../common/canonicalJson.ts';
import { MedflError } from '../common/MedflError.ts';
import { certificateNameProblem, DEFAULT_CERTIFICATE_NAMES, parseCertificateNames, type CertificateNames } from '../common/kit/certificateNames.ts';
import { createCertificateRequest, requestedNames, verifiedRequestSubject } from '../common/kit/certificates.ts';
import { KIT_FILES } from '../common/kit/kitFiles.ts';
import { checkPartyId, partyIdSchema } from '../common/kit/partyId.ts';
import { kitManifest, writePartyKeys, writeSecretFile } from './partyKeys.ts';
import { writeStagedFolder } from '../common/stagedFolder.ts';
import { zodProblems } from '../common/zodProblems.ts';

export const REQUEST_FILE = 'request.json';

const requestFields = z
  .object({
    version: z.literal(1),
    consortium: z.string().min(1),
    id: partyIdSchema,
    role: z.enum(['site', 'coordinator']),
    csrPem: z.string().startsWith('-----BEGIN CERTIFICATE REQUEST-----'),
    signingPublicKey: z.string().optional(),
    boxPublicKey: z.string().optional(),
    address: z.string().regex(/^0x[0-9a-fA-F]{40}$/),
  })
  .strict();

export const kitRequestSchema = requestFields
  .extend({ proofs: z.object({ signing: z.string().optional(), ethereum: z.string() }).strict() })
  .strict();

export type KitRequest = z.infer<typeof kitRequestSchema>;

/** What the proofs sign: the canonical hash of every other field. */
const requestDigest = (request: Omit<KitRequest, 'proofs'>) => canonicalHash(request);

export interface InitKitOptions {
  readonly id: string;
  readonly role: 'site' | 'coordinator';
  readonly consortium: string;
  readonly outDir: string;
  /** DNS names and IP addresses the TLS certificate is to be valid for (besides the id); default localhost and 127.0.0.1. */
  readonly names?: readonly string[];
}

/** Creates the kit folder with the party's private keys and its request.json; returns the request and its digest. */
export async function initKit(options: InitKitOptions): Promise<{ request: KitRequest; digest: string; requestFile: string }> {
  const { id, role, consortium, outDir } = options;
  checkPartyId(id, '--id');
  const names = parseCertificateNames(options.names ?? DEFAULT_CERTIFICATE_NAMES, '--san');
  if (existsSync(join(outDir, KIT_FILES.manifest))) throw new MedflError('USAGE', `${outDir} already holds a kit; choose another --out`);
  const { request, digest } = await writeStagedFolder(outDir, '--out', (staging) => writeKit(staging, { id, role, consortium }, names));
  return { request, digest, requestFile: join(outDir, REQUEST_FILE) };
}

/** The party's private keys, manifest and signed request.json, written into `dir`. */
async function writeKit(dir: string, party: Pick<InitKitOptions, 'id' | 'role' | 'consortium'>, names: CertificateNames): Promise<{ request: KitRequest; digest: string }> {
  const { id, role, consortium } = party;
  const { csrPem, keyPem } = await createCertificateRequest(id, consortium, names);
  writeSecretFile(join(dir, KIT_FILES.tlsKey), keyPem);
  const keys = writePartyKeys(dir, role);
  writeFileSync(join(dir, KIT_FILES.manifest), kitManifest(consortium, id, role));
  const fields = requestFields.parse({ version: 1, consortium, id, role, csrPem, ...keys });
  const digest = requestDigest(fields);
  const wallet = new Wallet(readFileSync(join(dir, KIT_FILES.ethKey), 'utf8').trim());
  const signingKey = role === 'site' ? new Uint8Array(Buffer.from(readFileSync(join(dir, KIT_FILES.signingKey), 'utf8').trim(), 'base64')) : undefined;
  const proofs = {
    ethereum: wallet.signMessageSync(digest),
    ...(signingKey ? { signing: Buffer.from(nacl.sign.detached(Buffer.from(digest.slice(2), 'hex'), signingKey)).toString('base64') } : {}),
  };
  const request = { ...fields, proofs };
  writeFileSync(join(dir, REQUEST_FILE), `${JSON.stringify(request, null, 2)}\n`);
  return { request, digest };
}

const bad = (file: string, why: string) => new MedflError('KIT_INVALID', `${file}: ${why}`);

/** Parses and checks a request: CSR signature and CN, key sizes, and both possession proofs. Returns its digest. */
export async function verifyKitRequest(file: string, value: unknown): Promise<{ request: KitRequest; digest: string }> {
  const parsed = kitRequestSchema.safeParse(value);
  if (!parsed.success) throw bad(file, zodProblems(parsed.error).join('; '));
  const request = parsed.data;
  const { proofs, ...fields } = request;
  const digest = requestDigest(fields);
  const subject = await verifiedRequestSubject(request.csrPem).catch(() => undefined);
  if (subject === undefined) throw bad(file, 'the certificate request is malformed or its signature does not match its key');
  if (subject !== request.id) throw bad(file, `the certificate request is for CN=${subject}, but the request is for ${request.id}`);
  const badName = requestedNames(request.csrPem).map(certificateNameProblem).find((problem) => problem !== undefined);
  if (badName) throw bad(file, `the certificate request asks for a name that cannot be certified: ${badName}`);
  if (verifyMessage(digest, proofs.ethereum).toLowerCase() !== request.address.toLowerCase()) throw bad(file, `the Ethereum proof is not signed by ${request.address}`);
  if (request.role === 'site') {
    const signingKey = Buffer.from(request.signingPublicKey ?? '', 'base64');
    const boxKey = Buffer.from(request.boxPublicKey ?? '', 'base64');
    if (signingKey.length !== 32 || boxKey.length !== 32) throw bad(file, 'a site request needs 32-byte signingPublicKey and boxPublicKey');
    const signature = Buffer.from(proofs.signing ?? '', 'base64');
    if (signature.length !== 64 || !nacl.sign.detached.verify(Buffer.from(digest.slice(2), 'hex'), signature, signingKey)) {
      throw bad(file, 'the ed25519 proof does not verify with signingPublicKey');
    }
  }
  return { request, digest };
}
