// Loads and checks a party's kit: TLS material, identity keys and the consortium's public facts.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { MedflError } from '../MedflError.ts';
import { readJsonFile } from '../readJsonFile.ts';
import { certificateFingerprint256 } from './certificates.ts';
import { consortiumSchema, type Consortium } from './Consortium.ts';
import { KIT_FILES } from './kitFiles.ts';

export const kitManifestSchema = z
  .object({ version: z.literal(1), consortium: z.string(), id: z.string(), role: z.enum(['site', 'coordinator']) })
  .strict();

export interface Kit {
  readonly dir: string;
  readonly id: string;
  readonly role: 'site' | 'coordinator';
  readonly consortium: Consortium;
  readonly tls: { readonly caPem: string; readonly certPem: string; readonly keyPem: string };
  /** ed25519 secret key (tweetnacl, 64 bytes); sites only. */
  readonly signingSecretKey?: Uint8Array;
  /** X25519 secret key that opens the sealed CKKS key; sites only. */
  readonly boxSecretKey?: Uint8Array;
  /** 0x-hex secp256k1 private key for EIP-712 attestations (sites) or transactions (coordinator). */
  readonly ethPrivateKey: string;
}

export function readKitFile(dir: string, name: string): string {
  return readFileSync(kitFile(dir, name), 'utf8');
}

/** The path of a kit's file; KIT_INVALID when it is missing (a kit copied in part). */
function kitFile(dir: string, name: string): string {
  const file = join(dir, name);
  if (!existsSync(file)) throw new MedflError('KIT_INVALID', `kit ${dir} has no ${name}; re-run medfl provision or copy the whole kit`);
  return file;
}

/** A JSON file of a kit (or of the folder an administrator sends back), checked against `schema`. */
export function readKitJson<T>(dir: string, name: string, schema: z.ZodType<T>): T {
  return readJsonFile(kitFile(dir, name), schema, 'kit file', { notJson: 'KIT_INVALID', invalid: 'KIT_INVALID' });
}

export function readKey(dir: string, name: string, bytes: number): Uint8Array {
  const key = Buffer.from(readKitFile(dir, name).trim(), 'base64');
  if (key.length !== bytes) throw new MedflError('KIT_INVALID', `${join(dir, name)} must hold a base64 ${bytes}-byte key`);
  return new Uint8Array(key);
}

/** Reads a kit and checks its certificate is the one consortium.json lists for this party. */
export function loadKit(dir: string): Kit {
  if (!existsSync(dir)) throw new MedflError('KIT_INVALID', `no kit at ${dir}; create kits with medfl provision`);
  const manifest = readKitJson(dir, KIT_FILES.manifest, kitManifestSchema);
  const consortium = readKitJson(dir, KIT_FILES.consortium, consortiumSchema);
  const tls = { caPem: readKitFile(dir, KIT_FILES.caCert), certPem: readKitFile(dir, KIT_FILES.tlsCert), keyPem: readKitFile(dir, KIT_FILES.tlsKey) };
  const listed =
    manifest.role === 'coordinator' ? consortium.coordinator : consortium.sites.find((site) => site.id === manifest.id);
  if (!listed) throw new MedflError('KIT_INVALID', `kit ${dir} is for ${manifest.id}, which consortium.json does not list`);
  if (certificateFingerprint256(tls.certPem) !== listed.certFingerprint256) {
    throw new MedflError('KIT_INVALID', `kit ${dir}: tls.crt is not the certificate consortium.json lists for ${manifest.id}`);
  }
  const ethPrivateKey = readKitFile(dir, KIT_FILES.ethKey).trim();
  if (!/^0x[0-9a-f]{64}$/.test(ethPrivateKey)) throw new MedflError('KIT_INVALID', `${join(dir, KIT_FILES.ethKey)} must hold a 0x-hex 32-byte key`);
  const base = { dir, id: manifest.id, role: manifest.role, consortium, tls, ethPrivateKey };
  if (manifest.role === 'coordinator') return base;
  return { ...base, signingSecretKey: readKey(dir, KIT_FILES.signingKey, 64), boxSecretKey: readKey(dir, KIT_FILES.boxKey, 32) };
}
