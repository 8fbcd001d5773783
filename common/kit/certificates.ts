// X.509 for mutual TLS: a consortium CA and one ECDSA P-256 certificate per party (CN = party id), with @peculiar/x509.
import 'reflect-metadata';
import { createHash, createPublicKey, randomBytes, webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import { DEFAULT_CERTIFICATE_NAMES, parseCertificateNames, type CertificateNames } from './certificateNames.ts';

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

type KeyPair = webcrypto.CryptoKeyPair;

const EC_P256 = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const VALIDITY_DAYS = 825;
const SUBJECT_ALT_NAME_OID = '2.5.29.17';

export interface IssuedCertificate {
  readonly certPem: string;
  readonly keyPem: string;
  /** sha256 of the DER certificate as `AB:CD:…`, the form grpc-js reports in `sslPeerCertificate.fingerprint256`. */
  readonly fingerprint256: string;
}

export interface CertificateAuthority extends IssuedCertificate {
  readonly certificate: x509.X509Certificate;
  readonly keys: KeyPair;
}

function serialNumber(): string {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0] ?? 0) & 0x7f; // a positive INTEGER
  return bytes.toString('hex');
}

function validity(): { notBefore: Date; notAfter: Date } {
  const notBefore = new Date(Date.now() - 60_000);
  return { notBefore, notAfter: new Date(notBefore.getTime() + VALIDITY_DAYS * 86_400_000) };
}

async function privateKeyPem(key: webcrypto.CryptoKey): Promise<string> {
  const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', key));
  const body = pkcs8.toString('base64').replace(/(.{64})/g, '$1\n').trimEnd();
  return `-----BEGIN PRIVATE KEY-----\n${body}\n-----END PRIVATE KEY-----\n`;
}

/** Fingerprint of a PEM or DER certificate in grpc-js's `fingerprint256` format. */
export function certificateFingerprint256(cert: string | Uint8Array): string {
  const der = typeof cert === 'string' ? Buffer.from(new x509.X509Certificate(cert).rawData) : cert;
  return createHash('sha256').update(der).digest('hex').toUpperCase().match(/../g)!.join(':');
}

function newKeys(): Promise<KeyPair> {
  return webcrypto.subtle.generateKey(EC_P256, true, ['sign', 'verify']);
}

export async function createCertificateAuthority(consortium: string): Promise<CertificateAuthority> {
  const keys = await newKeys();
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serialNumber(),
    name: `CN=${consortium} medfl CA, O=${consortium}`,
    ...validity(),
    keys,
    signingAlgorithm: EC_P256,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  const certPem = certificate.toString('pem');
  return { certificate, keys, certPem, keyPem: await privateKeyPem(keys.privateKey), fingerprint256: certificateFingerprint256(certPem) };
}

/** The SAN extension: the party id first (peers use it as the TLS name), then the operator's DNS and IP names. */
function alternativeNames(partyId: string, names: CertificateNames): x509.SubjectAlternativeNameExtension {
  const dns = [partyId, ...names.dns.filter((name) => name !== partyId)];
  return new x509.SubjectAlternativeNameExtension([
    ...dns.map((value) => ({ type: 'dns' as const, value })),
    ...names.ip.map((value) => ({ type: 'ip' as const, value })),
  ]);
}

const defaultNames = (): CertificateNames => parseCertificateNames(DEFAULT_CERTIFICATE_NAMES, 'default names');

/** A leaf certificate for `publicKey`, usable as both TLS server and client, valid for the id and `names`. */
async function issueLeaf(ca: CertificateAuthority, partyId: string, consortium: string, publicKey: webcrypto.CryptoKey, names: CertificateNames): Promise<string> {
  const certificate = await x509.X509CertificateGenerator.create({
    serialNumber: serialNumber(),
    subject: `CN=${partyId}, O=${consortium}`,
    issuer: ca.certificate.subject,
    ...validity(),
    publicKey,
    signingKey: ca.keys.privateKey,
    signingAlgorithm: EC_P256,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyAgreement, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth, x509.ExtendedKeyUsage.clientAuth]),
      alternativeNames(partyId, names),
      await x509.AuthorityKeyIdentifierExtension.create(ca.keys.publicKey),
    ],
  });
  return certificate.toString('pem');
}

/** A new key pair and its certificate (central provisioning: the key is made on the administrator's machine). */
export async function issuePartyCertificate(ca: CertificateAuthority, partyId: string, consortium: string, names = defaultNames()): Promise<IssuedCertificate> {
  const keys = await newKeys();
  const certPem = await issueLeaf(ca, partyId, consortium, keys.publicKey, names);
  return { certPem, keyPem: await privateKeyPem(keys.privateKey), fingerprint256: certificateFingerprint256(certPem) };
}

/** A party's own key pair and a PKCS#10 request for it (CN = party id, the names it asks for), signed with that key. */
export async function createCertificateRequest(partyId: string, consortium: string, names = defaultNames()): Promise<{ csrPem: string; keyPem: string }> {
  const keys = await newKeys();
  const extensions = [alternativeNames(partyId, names)];
  const csr = await x509.Pkcs10CertificateRequestGenerator.create({ name: `CN=${partyId}, O=${consortium}`, keys, signingAlgorithm: EC_P256, extensions });
  return { csrPem: csr.toString('pem'), keyPem: await privateKeyPem(keys.privateKey) };
}

/** The request's subject CN, once its signature (proof that the requester holds the key) checks out; else undefined. */
export async function verifiedRequestSubject(csrPem: string): Promise<string | undefined> {
  const csr = new x509.Pkcs10CertificateRequest(csrPem);
  if (!(await csr.verify())) return undefined;
  return csr.subjectName.getField('CN')[0];
}

/**
 * The DNS and IP names a request asks for, as written (checked by the caller: a request is untrusted input). A
 * request made before names could be chosen asks for none, and gets today's defaults.
 */
export function requestedNames(csrPem: string): string[] {
  const found = new x509.Pkcs10CertificateRequest(csrPem).extensions.find((entry) => entry.type === SUBJECT_ALT_NAME_OID);
  if (!found) return [...DEFAULT_CERTIFICATE_NAMES];
  const extension = new x509.SubjectAlternativeNameExtension(found.rawData);
  return extension.names.items.map((name) => (name.type === 'dns' || name.type === 'ip' ? name.value : `${name.type}:${name.value}`));
}

/** A certificate for the key in a verified request, for the names it asks for (the key never leaves its party). */
export async function issueRequestedCertificate(ca: CertificateAuthority, csrPem: string, partyId: string, consortium: string): Promise<Omit<IssuedCertificate, 'keyPem'>> {
  const publicKey = await new x509.Pkcs10CertificateRequest(csrPem).publicKey.export(EC_P256, ['verify']);
  const certPem = await issueLeaf(ca, partyId, consortium, publicKey, parseCertificateNames(requestedNames(csrPem), 'the certificate request'));
  return { certPem, fingerprint256: certificateFingerprint256(certPem) };
}

/** Whether `certPem` was signed by the CA certificate `caPem` and carries the public key of `keyPem`. */
export async function certificateMatches(certPem: string, caPem: string, keyPem: string): Promise<{ signedByCa: boolean; ownKey: boolean }> {
  const certificate = new x509.X509Certificate(certPem);
  const signedByCa = await certificate.verify({ publicKey: new x509.X509Certificate(caPem).publicKey, signatureOnly: true });
  const ownSpki = createPublicKey(keyPem).export({ type: 'spki', format: 'der' });
  return { signedByCa, ownKey: Buffer.from(certificate.publicKey.rawData).equals(ownSpki) };
}
