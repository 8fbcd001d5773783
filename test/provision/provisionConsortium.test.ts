import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, createServer, type TLSSocket } from 'node:tls';
import { X509Certificate } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadKit } from '../../common/kit/loadKit.ts';
import { provisionConsortium, type ProvisionResult } from '../../provision/provisionConsortium.ts';

const out = mkdtempSync(join(tmpdir(), 'medfl-provision-'));
let result: ProvisionResult;
beforeAll(async () => {
  result = await provisionConsortium({ consortium: 'test', sites: ['site-a', 'site-b'], outDir: join(out, 'kits') });
});
afterAll(() => rmSync(out, { recursive: true, force: true }));

function handshake(serverKit: string, clientKit: string): Promise<{ serverSawCn: string; clientSawCn: string }> {
  const server = loadKit(serverKit);
  const client = loadKit(clientKit);
  return new Promise((resolve, reject) => {
    let serverSawCn = '';
    const listener = createServer(
      { ca: server.tls.caPem, cert: server.tls.certPem, key: server.tls.keyPem, requestCert: true, rejectUnauthorized: true },
      (socket: TLSSocket) => {
        serverSawCn = String(socket.getPeerCertificate().subject.CN);
        socket.end('ok');
      },
    );
    listener.listen(0, '127.0.0.1', () => {
      const port = (listener.address() as { port: number }).port;
      const socket = connect({ host: '127.0.0.1', port, ca: client.tls.caPem, cert: client.tls.certPem, key: client.tls.keyPem, servername: 'localhost' }, () => {
        const clientSawCn = String(socket.getPeerCertificate().subject.CN);
        socket.on('data', () => {
          socket.end();
          listener.close();
          resolve({ serverSawCn, clientSawCn });
        });
      });
      socket.on('error', (error) => {
        listener.close();
        reject(error);
      });
    });
  });
}

describe('provisionConsortium', () => {
  it('writes one kit per party that loads and matches consortium.json', () => {
    expect(Object.keys(result.kitDirs).sort()).toEqual(['coordinator', 'site-a', 'site-b']);
    const site = loadKit(result.kitDirs['site-a']!);
    expect(site.role).toBe('site');
    expect(site.signingSecretKey).toHaveLength(64);
    expect(site.boxSecretKey).toHaveLength(32);
    expect(result.consortium.sites.map((s) => s.id)).toEqual(['site-a', 'site-b']);
    expect(loadKit(result.kitDirs.coordinator!).role).toBe('coordinator');
  });

  it('issues certificates with CN = party id, signed by the consortium CA', () => {
    const site = loadKit(result.kitDirs['site-b']!);
    const cert = new X509Certificate(site.tls.certPem);
    expect(cert.subject).toContain('CN=site-b');
    expect(cert.checkIssued(new X509Certificate(site.tls.caPem))).toBe(true);
    expect(cert.verify(new X509Certificate(site.tls.caPem).publicKey)).toBe(true);
  });

  it('completes a mutual-TLS handshake between coordinator and site on loopback', async () => {
    const seen = await handshake(result.kitDirs.coordinator!, result.kitDirs['site-a']!);
    expect(seen).toEqual({ serverSawCn: 'site-a', clientSawCn: 'coordinator' });
  });

  it('gives the coordinator no signing, box or CKKS key, and keeps secrets private', () => {
    const files = readdirSync(result.kitDirs.coordinator!).sort();
    expect(files).toEqual(['ca.crt', 'consortium.json', 'eth.key', 'kit.json', 'tls.crt', 'tls.key']);
    expect(statSync(join(result.kitDirs['site-a']!, 'signing.key')).mode & 0o077).toBe(0);
    expect(existsSync(join(out, 'kits', 'ca', 'ca.key'))).toBe(true);
  });

  it('refuses to overwrite an existing consortium and duplicate ids', async () => {
    await expect(provisionConsortium({ consortium: 'test', sites: ['x'], outDir: join(out, 'kits') })).rejects.toThrow(
      /already holds a provisioned consortium/,
    );
    await expect(provisionConsortium({ consortium: 'test', sites: ['a', 'a'], outDir: join(out, 'dup') })).rejects.toThrow(
      'party id a is given twice',
    );
  });

  it("gives the coordinator's certificate the --san names and consortium.json the endpoint; sites keep loopback names", async () => {
    const named = await provisionConsortium({
      consortium: 'test', sites: ['site-a'], outDir: join(out, 'named'), coordinatorNames: ['coordinator.example.org', '10.0.0.5'], coordinatorEndpoint: 'coordinator.example.org:7443',
    });
    const names = (id: string) => new X509Certificate(loadKit(named.kitDirs[id]!).tls.certPem).subjectAltName;
    expect(names('coordinator')).toBe('DNS:coordinator, DNS:coordinator.example.org, IP Address:10.0.0.5');
    expect(names('site-a')).toBe('DNS:site-a, DNS:localhost, IP Address:127.0.0.1');
    expect(loadKit(named.kitDirs['site-a']!).consortium.coordinator.endpoint).toBe('coordinator.example.org:7443');
    expect(loadKit(result.kitDirs['site-a']!).consortium.coordinator).not.toHaveProperty('endpoint');
  });

  it('checks --san and --coordinator-endpoint before writing anything', async () => {
    const target = join(out, 'bad-names');
    await expect(provisionConsortium({ consortium: 'test', sites: ['a'], outDir: target, coordinatorNames: ['ok.example.org', 'bad_name'] })).rejects.toThrow(
      expect.objectContaining({ code: 'USAGE', message: expect.stringContaining('--san: "bad_name" is neither an IP address nor a DNS name') }),
    );
    await expect(provisionConsortium({ consortium: 'test', sites: ['a'], outDir: target, coordinatorEndpoint: 'c.example.org:0' })).rejects.toMatchObject({ code: 'USAGE' });
    expect(existsSync(target)).toBe(false);
  });

  it('checks every id before writing anything: upper case or a path is USAGE naming the flag, and no folder appears', async () => {
    const target = join(out, 'bad-ids');
    await expect(provisionConsortium({ consortium: 'test', sites: ['Cleveland'], outDir: target })).rejects.toThrow(
      '--sites: "Cleveland" is not a party id: use lower-case letters, digits and dashes, at most 63, starting with a letter or digit (e.g. cleveland)',
    );
    await expect(provisionConsortium({ consortium: 'test', sites: ['a', '../../escape-kit'], outDir: target })).rejects.toMatchObject({ code: 'USAGE' });
    expect(existsSync(target)).toBe(false);
    expect(existsSync(join(out, '..', 'escape-kit'))).toBe(false);
    expect(readdirSync(out).filter((name) => name.includes('partial'))).toEqual([]);
  });
});
