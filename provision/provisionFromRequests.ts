// Distributed provisioning, the administrator's side (`medfl provision --requests DIR`): checks every party's
// request.json, creates the consortium CA, certifies the keys the parties made themselves, and writes
// consortium.json plus an `issued/<id>/` folder per party (certificate, CA certificate, consortium.json). No
// private key but the CA's exists on this machine.
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MedflError } from '../common/MedflError.ts';
import { createCertificateAuthority, issueRequestedCertificate } from '../common/kit/certificates.ts';
import type { ChainPin } from '../common/kit/chainPin.ts';
import { consortiumSchema, type Consortium } from '../common/kit/Consortium.ts';
import { KIT_FILES } from '../common/kit/kitFiles.ts';
import { checkCoordinatorEndpoint } from './checkCoordinatorEndpoint.ts';
import { verifyKitRequest, type KitRequest } from './kitRequest.ts';
import { writeSecretFile } from './partyKeys.ts';

export interface RequestProvisionResult {
  readonly consortium: Consortium;
  readonly consortiumFile: string;
  /** Per party id: the folder to hand back to that party for `medfl kit import`. */
  readonly issuedDirs: Record<string, string>;
  /** Per party id: the request digest, to compare with what the party's operator read out at `medfl kit init`. */
  readonly digests: Record<string, string>;
}

async function readRequests(requestsDir: string): Promise<{ request: KitRequest; digest: string }[]> {
  const files = existsSync(requestsDir) ? readdirSync(requestsDir).filter((name) => name.endsWith('.json')).sort() : [];
  if (files.length === 0) throw new MedflError('USAGE', `${requestsDir} holds no request .json files (each party's medfl kit init writes one)`);
  return Promise.all(files.map(async (name) => {
    const file = join(requestsDir, name);
    let value: unknown;
    try {
      value = JSON.parse(readFileSync(file, 'utf8'));
    } catch (cause) {
      throw new MedflError('KIT_INVALID', `${file} is not valid JSON`, { cause });
    }
    return verifyKitRequest(file, value);
  }));
}

function checkTogether(requests: KitRequest[]): void {
  const consortia = new Set(requests.map((request) => request.consortium));
  if (consortia.size !== 1) throw new MedflError('KIT_INVALID', `the requests name different consortia: ${[...consortia].join(', ')}`);
  for (const key of ['id', 'address', 'signingPublicKey', 'boxPublicKey', 'csrPem'] as const) {
    const values = requests.map((request) => request[key]?.toLowerCase()).filter((value) => value !== undefined);
    const repeated = values.find((value, index) => values.indexOf(value) !== index);
    if (repeated) throw new MedflError('KIT_INVALID', `two requests share the same ${key} (${repeated.slice(0, 42)}); every party needs its own`);
  }
  const coordinators = requests.filter((request) => request.role === 'coordinator').length;
  if (coordinators !== 1) throw new MedflError('KIT_INVALID', `the requests hold ${coordinators} coordinators; a consortium has exactly one`);
}

/** `coordinatorEndpoint`: host:port where sites reach the coordinator; `chain`: the ledger's chain; both written into consortium.json. */
export async function provisionFromRequests(options: { requestsDir: string; outDir: string; coordinatorEndpoint?: string; chain?: ChainPin }): Promise<RequestProvisionResult> {
  if (options.coordinatorEndpoint !== undefined) checkCoordinatorEndpoint(options.coordinatorEndpoint);
  const verified = await readRequests(options.requestsDir);
  const requests = verified.map((entry) => entry.request);
  checkTogether(requests);
  const name = requests[0]!.consortium;
  if (existsSync(join(options.outDir, KIT_FILES.consortium))) {
    throw new MedflError('USAGE', `${options.outDir} already holds a provisioned consortium; choose another --out or delete it first`);
  }
  mkdirSync(join(options.outDir, 'ca'), { recursive: true });
  const ca = await createCertificateAuthority(name);
  writeFileSync(join(options.outDir, 'ca', KIT_FILES.caCert), ca.certPem);
  writeSecretFile(join(options.outDir, 'ca', 'ca.key'), ca.keyPem);
  const certificates = new Map<string, { certPem: string; fingerprint256: string }>();
  for (const request of requests) certificates.set(request.id, await issueRequestedCertificate(ca, request.csrPem, request.id, name));
  const fingerprint = (id: string) => certificates.get(id)!.fingerprint256;
  const coordinator = requests.find((request) => request.role === 'coordinator')!;
  const consortium = consortiumSchema.parse({
    version: 1,
    name,
    caFingerprint256: ca.fingerprint256,
    coordinator: { id: coordinator.id, certFingerprint256: fingerprint(coordinator.id), address: coordinator.address, endpoint: options.coordinatorEndpoint },
    sites: requests.filter((request) => request.role === 'site').map((site) => ({
      id: site.id, certFingerprint256: fingerprint(site.id), signingPublicKey: site.signingPublicKey, boxPublicKey: site.boxPublicKey, address: site.address,
    })),
    chain: options.chain,
  });
  const text = `${JSON.stringify(consortium, null, 2)}\n`;
  const consortiumFile = join(options.outDir, KIT_FILES.consortium);
  writeFileSync(consortiumFile, text);
  const issuedDirs: Record<string, string> = {};
  for (const request of requests) {
    const dir = join(options.outDir, 'issued', request.id);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, KIT_FILES.tlsCert), certificates.get(request.id)!.certPem);
    writeFileSync(join(dir, KIT_FILES.caCert), ca.certPem);
    writeFileSync(join(dir, KIT_FILES.consortium), text);
    issuedDirs[request.id] = dir;
  }
  return { consortium, consortiumFile, issuedDirs, digests: Object.fromEntries(verified.map((entry) => [entry.request.id, entry.digest])) };
}
