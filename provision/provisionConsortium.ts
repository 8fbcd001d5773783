// `medfl provision`: a consortium CA, and one kit per party (TLS certificate, identity keys); issueCkksKeys adds the
// CKKS key of a ckks-shared-key plan (threshold CKKS plans need none: each site makes its own seed).
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MedflError } from '../common/MedflError.ts';
import { checkPartyId } from '../common/kit/partyId.ts';
import { DEFAULT_CERTIFICATE_NAMES, parseCertificateNames, type CertificateNames } from '../common/kit/certificateNames.ts';
import { createCertificateAuthority, issuePartyCertificate, type CertificateAuthority } from '../common/kit/certificates.ts';
import { consortiumSchema, type Consortium, type ConsortiumSite } from '../common/kit/Consortium.ts';
import type { ChainPin } from '../common/kit/chainPin.ts';
import { KIT_FILES } from '../common/kit/kitFiles.ts';
import { checkCoordinatorEndpoint } from './checkCoordinatorEndpoint.ts';
import { kitManifest, writePartyKeys, writeSecretFile } from './partyKeys.ts';
import { writeStagedFolder } from '../common/stagedFolder.ts';

export interface ProvisionOptions {
  consortium: string;
  sites: string[];
  outDir: string;
  coordinatorId?: string;
  /** DNS names and IP addresses the coordinator's certificate is valid for (sites keep localhost and 127.0.0.1). */
  coordinatorNames?: readonly string[];
  /** host:port where sites reach the coordinator, written into consortium.json. */
  coordinatorEndpoint?: string;
  /** The chain and ledger the consortium's runs are committed to, pinned in consortium.json. */
  chain?: ChainPin;
}

export interface ProvisionResult {
  consortium: Consortium;
  kitDirs: Record<string, string>;
  consortiumFile: string;
}

function writePublic(file: string, content: string): void {
  writeFileSync(file, content);
}

async function writeTls(dir: string, ca: CertificateAuthority, id: string, consortium: string, names: CertificateNames): Promise<string> {
  const issued = await issuePartyCertificate(ca, id, consortium, names);
  writePublic(join(dir, KIT_FILES.caCert), ca.certPem);
  writePublic(join(dir, KIT_FILES.tlsCert), issued.certPem);
  writeSecretFile(join(dir, KIT_FILES.tlsKey), issued.keyPem);
  return issued.fingerprint256;
}

async function provisionParty(options: ProvisionOptions, ca: CertificateAuthority, id: string, role: 'site' | 'coordinator') {
  const dir = join(options.outDir, id);
  mkdirSync(dir, { recursive: true });
  const names = parseCertificateNames((role === 'coordinator' && options.coordinatorNames) || DEFAULT_CERTIFICATE_NAMES, '--san');
  const certFingerprint256 = await writeTls(dir, ca, id, options.consortium, names);
  const keys = writePartyKeys(dir, role);
  writePublic(join(dir, KIT_FILES.manifest), kitManifest(options.consortium, id, role));
  return { id, certFingerprint256, ...keys };
}

function checkOptions(options: ProvisionOptions, coordinatorId: string): void {
  for (const id of options.sites) checkPartyId(id, '--sites');
  checkPartyId(coordinatorId, '--coordinator');
  const ids = [...options.sites, coordinatorId];
  const duplicate = ids.find((id, index) => ids.indexOf(id) !== index);
  if (duplicate) throw new MedflError('USAGE', `party id ${duplicate} is given twice; every site and the coordinator need distinct ids`);
  if (options.sites.length === 0) throw new MedflError('USAGE', '--sites names no site; give at least one site id');
  if (options.coordinatorNames) parseCertificateNames(options.coordinatorNames, '--san');
  if (options.coordinatorEndpoint !== undefined) checkCoordinatorEndpoint(options.coordinatorEndpoint);
  if (existsSync(join(options.outDir, KIT_FILES.consortium))) {
    throw new MedflError('USAGE', `${options.outDir} already holds a provisioned consortium; choose another --out or delete it first`);
  }
}

/**
 * Creates every kit under `outDir/<id>/`, the CA under `outDir/ca/`, and `outDir/consortium.json`, all at once:
 * ids are checked before anything is written, and the folder appears only when complete.
 */
export async function provisionConsortium(options: ProvisionOptions): Promise<ProvisionResult> {
  const coordinatorId = options.coordinatorId ?? 'coordinator';
  checkOptions(options, coordinatorId);
  const consortium = await writeStagedFolder(options.outDir, '--out', (staging) => writeKits({ ...options, outDir: staging }, coordinatorId));
  const kitDirs: Record<string, string> = { [coordinatorId]: join(options.outDir, coordinatorId) };
  for (const site of consortium.sites) kitDirs[site.id] = join(options.outDir, site.id);
  return { consortium, kitDirs, consortiumFile: join(options.outDir, KIT_FILES.consortium) };
}

async function writeKits(options: ProvisionOptions, coordinatorId: string): Promise<Consortium> {
  mkdirSync(join(options.outDir, 'ca'), { recursive: true });
  const ca = await createCertificateAuthority(options.consortium);
  writePublic(join(options.outDir, 'ca', KIT_FILES.caCert), ca.certPem);
  writeSecretFile(join(options.outDir, 'ca', 'ca.key'), ca.keyPem);
  const sites: ConsortiumSite[] = [];
  for (const id of options.sites) sites.push((await provisionParty(options, ca, id, 'site')) as ConsortiumSite);
  const coordinator = await provisionParty(options, ca, coordinatorId, 'coordinator');
  const consortium = consortiumSchema.parse({
    version: 1,
    name: options.consortium,
    caFingerprint256: ca.fingerprint256,
    coordinator: { id: coordinatorId, certFingerprint256: coordinator.certFingerprint256, address: coordinator.address, endpoint: options.coordinatorEndpoint },
    sites,
    chain: options.chain,
  });
  const text = `${JSON.stringify(consortium, null, 2)}\n`;
  for (const id of [coordinatorId, ...options.sites]) writePublic(join(options.outDir, id, KIT_FILES.consortium), text);
  writePublic(join(options.outDir, KIT_FILES.consortium), text);
  return consortium;
}
