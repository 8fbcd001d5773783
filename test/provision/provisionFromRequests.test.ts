// Distributed provisioning end to end on real files and real keys: every party makes its own keys, the
// administrator certifies the requests, each party imports the answer, and two imported kits speak mutual TLS.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { X509Certificate, webcrypto } from 'node:crypto';
import { connect, createServer, type TLSSocket } from 'node:tls';
import * as x509 from '@peculiar/x509';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importIssued } from '../../provision/importIssued.ts';
import { initKit, REQUEST_FILE } from '../../provision/kitRequest.ts';
import type { Kit } from '../../common/kit/loadKit.ts';
import { provisionFromRequests, type RequestProvisionResult } from '../../provision/provisionFromRequests.ts';

const dir = mkdtempSync(join(tmpdir(), 'medfl-requests-'));
const parties = [['coordinator', 'coordinator'], ['site-a', 'site'], ['site-b', 'site']] as const;
const kitDir = (id: string) => join(dir, 'parties', id);
const requests = join(dir, 'requests');
let provisioned: RequestProvisionResult;
const kits: Record<string, Kit> = {};

beforeAll(async () => {
  mkdirSync(requests, { recursive: true });
  for (const [id, role] of parties) {
    await initKit({ id, role, consortium: 'north', outDir: kitDir(id), ...(role === 'coordinator' ? { names: ['coordinator.medfl.test', '127.0.0.2'] } : {}) });
    copyFileSync(join(kitDir(id), REQUEST_FILE), join(requests, `${id}.json`));
  }
  provisioned = await provisionFromRequests({ requestsDir: requests, outDir: join(dir, 'admin'), coordinatorEndpoint: 'coordinator.medfl.test:7443' });
  for (const [id] of parties) kits[id] = await importIssued(kitDir(id), provisioned.issuedDirs[id]!);
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function tamperedRequests(name: string, edit: (request: Record<string, unknown>) => void): string {
  const out = join(dir, name);
  mkdirSync(out, { recursive: true });
  for (const [id] of parties) {
    const request = JSON.parse(readFileSync(join(requests, `${id}.json`), 'utf8')) as Record<string, unknown>;
    if (id === 'site-a') edit(request);
    writeFileSync(join(out, `${id}.json`), JSON.stringify(request));
  }
  return out;
}

describe('provisioning from requests', () => {
  it('ends in kits every party loads, with no private key on the administrator\'s side but the CA\'s', () => {
    expect(Object.keys(kits).sort()).toEqual(['coordinator', 'site-a', 'site-b']);
    expect(provisioned.consortium.sites.map((site) => site.id)).toEqual(['site-a', 'site-b']);
    expect(kits['site-a']!.consortium).toEqual(provisioned.consortium);
    const adminFiles = readdirSync(join(dir, 'admin'), { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
    const withKeys = adminFiles.filter((entry) => readFileSync(join(entry.parentPath, entry.name), 'utf8').includes('PRIVATE KEY'));
    expect(withKeys.map((entry) => entry.name)).toEqual(['ca.key']);
    expect(Object.values(provisioned.digests).every((digest) => /^0x[0-9a-f]{64}$/.test(digest))).toBe(true);
  });

  it('gives kits that authenticate each other over mutual TLS', async () => {
    const [server, site] = [kits.coordinator!.tls, kits['site-a']!.tls];
    const peer = await new Promise<string>((resolve, reject) => {
      const listener = createServer({ key: server.keyPem, cert: server.certPem, ca: server.caPem, requestCert: true, rejectUnauthorized: true }, (socket: TLSSocket) => {
        resolve(String(socket.getPeerCertificate().subject.CN));
        socket.end();
        listener.close();
      }).listen(0, '127.0.0.1', () => {
        const { port } = listener.address() as { port: number };
        const client = connect({ host: '127.0.0.1', port, key: site.keyPem, cert: site.certPem, ca: site.caPem, servername: 'coordinator' }, () => client.end());
        client.on('error', reject);
      });
    });
    expect(peer).toBe('site-a');
  });

  it('certifies the names each party asked for, with its id, and writes the coordinator endpoint into consortium.json', () => {
    const names = (kit: Kit) => new X509Certificate(kit.tls.certPem).subjectAltName;
    expect(names(kits.coordinator!)).toBe('DNS:coordinator, DNS:coordinator.medfl.test, IP Address:127.0.0.2');
    expect(names(kits['site-a']!)).toBe('DNS:site-a, DNS:localhost, IP Address:127.0.0.1');
    expect(kits['site-a']!.consortium.coordinator.endpoint).toBe('coordinator.medfl.test:7443');
  });

  it('lets a TLS client that checks host names reach the coordinator by the name and the address it asked for', async () => {
    const server = kits.coordinator!.tls;
    const listener = createServer({ key: server.keyPem, cert: server.certPem, ca: server.caPem }, (socket) => socket.end());
    await new Promise<void>((resolve) => listener.listen(0, '127.0.0.2', resolve));
    const { port } = listener.address() as { port: number };
    const reach = (servername: string | undefined) => new Promise<void>((resolve, reject) => {
      const client = connect({ host: '127.0.0.2', port, ca: server.caPem, ...(servername ? { servername } : {}) }, () => { client.end(); resolve(); });
      client.on('error', reject);
    });
    try {
      await reach('coordinator.medfl.test');
      await reach(undefined);
      await expect(reach('other.medfl.test')).rejects.toThrow(/Hostname\/IP does not match certificate's altnames/);
    } finally {
      listener.close();
    }
  });

  it('refuses a request whose certificate request asks for a name that cannot be certified, before writing anything', async () => {
    const keys = await webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
    const csr = await x509.Pkcs10CertificateRequestGenerator.create({
      name: 'CN=site-a, O=north', keys, signingAlgorithm: { name: 'ECDSA', hash: 'SHA-256' },
      extensions: [new x509.SubjectAlternativeNameExtension([{ type: 'dns', value: 'site-a' }, { type: 'dns', value: '*.medfl.test' }])],
    });
    // The names are checked before the possession proofs, so this edited request is refused for its name.
    const edited = tamperedRequests('wildcard', (request) => { request.csrPem = csr.toString('pem'); });
    const target = join(dir, 'out-wildcard');
    await expect(provisionFromRequests({ requestsDir: edited, outDir: target })).rejects.toThrow(expect.objectContaining({
      code: 'KIT_INVALID',
      message: `${join(edited, 'site-a.json')}: the certificate request asks for a name that cannot be certified: "*.medfl.test" is neither an IP address nor a DNS name (lower-case letters, digits, dashes and dots; no wildcards)`,
    }));
    expect(existsSync(target)).toBe(false);
  });

  it('refuses a bad --coordinator-endpoint with USAGE before writing anything', async () => {
    const target = join(dir, 'out-endpoint');
    await expect(provisionFromRequests({ requestsDir: requests, outDir: target, coordinatorEndpoint: 'coordinator.medfl.test' })).rejects.toThrow(
      expect.objectContaining({ code: 'USAGE', message: '--coordinator-endpoint "coordinator.medfl.test" is not host:port (e.g. coordinator.example.org:7443)' }),
    );
    expect(existsSync(target)).toBe(false);
  });

  it('refuses a tampered request, naming the file and the problem', async () => {
    const swapped = tamperedRequests('swapped', (request) => { request.signingPublicKey = Buffer.alloc(32, 7).toString('base64'); });
    await expect(provisionFromRequests({ requestsDir: swapped, outDir: join(dir, 'out-1') })).rejects.toThrow(`${join(swapped, 'site-a.json')}: the Ethereum proof is not signed by `);
    const renamed = tamperedRequests('renamed', (request) => { request.id = 'site-x'; });
    await expect(provisionFromRequests({ requestsDir: renamed, outDir: join(dir, 'out-2') })).rejects.toThrow('the certificate request is for CN=site-a, but the request is for site-x');
    const twice = join(dir, 'twice');
    mkdirSync(twice);
    for (const [id] of parties) copyFileSync(join(requests, `${id}.json`), join(twice, `${id}.json`));
    copyFileSync(join(requests, 'site-b.json'), join(twice, 'site-b-again.json'));
    await expect(provisionFromRequests({ requestsDir: twice, outDir: join(dir, 'out-3') })).rejects.toThrow('two requests share the same id (site-b)');
  });

  it('refuses, at import, a damaged consortium.json with the file and field named', async () => {
    const damaged = join(dir, 'damaged');
    mkdirSync(damaged);
    for (const name of ['tls.crt', 'ca.crt']) copyFileSync(join(provisioned.issuedDirs['site-b']!, name), join(damaged, name));
    writeFileSync(join(damaged, 'consortium.json'), JSON.stringify({ ...provisioned.consortium, caFingerprint256: 'nope' }));
    await expect(importIssued(kitDir('site-b'), damaged)).rejects.toMatchObject({ code: 'KIT_INVALID', message: expect.stringContaining(`${join(damaged, 'consortium.json')} is invalid: caFingerprint256:`) });
    writeFileSync(join(damaged, 'consortium.json'), '{');
    await expect(importIssued(kitDir('site-b'), damaged)).rejects.toMatchObject({ code: 'KIT_INVALID', message: expect.stringMatching(new RegExp(`^kit file ${join(damaged, 'consortium.json')} is not JSON: `)) });
  });

  it('refuses, at import, a certificate for another party\'s key', async () => {
    await expect(importIssued(kitDir('site-b'), provisioned.issuedDirs['site-a']!)).rejects.toThrow(
      `${join(provisioned.issuedDirs['site-a']!, 'tls.crt')} certifies another key than this kit's tls.key`,
    );
  });
});
