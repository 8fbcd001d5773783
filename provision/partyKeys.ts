// A party's identity keys, generated where they will be used and written owner-only into its kit: an ed25519 key
// that signs update envelopes and an X25519 key that opens the sealed CKKS key (sites), and an Ethereum key
// (every party). Returns the public halves that consortium.json lists.
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Wallet } from 'ethers';
import nacl from 'tweetnacl';
import { KIT_FILES } from '../common/kit/kitFiles.ts';

export interface PartyPublicKeys {
  readonly signingPublicKey?: string;
  readonly boxPublicKey?: string;
  readonly address: string;
}

export function writeSecretFile(file: string, content: string | Uint8Array): void {
  writeFileSync(file, content, { mode: 0o600 });
  chmodSync(file, 0o600);
}

const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

export function writePartyKeys(dir: string, role: 'site' | 'coordinator'): PartyPublicKeys {
  const wallet = Wallet.createRandom();
  writeSecretFile(join(dir, KIT_FILES.ethKey), `${wallet.privateKey}\n`);
  if (role === 'coordinator') return { address: wallet.address };
  const signing = nacl.sign.keyPair();
  const box = nacl.box.keyPair();
  writeSecretFile(join(dir, KIT_FILES.signingKey), `${base64(signing.secretKey)}\n`);
  writeSecretFile(join(dir, KIT_FILES.boxKey), `${base64(box.secretKey)}\n`);
  return { signingPublicKey: base64(signing.publicKey), boxPublicKey: base64(box.publicKey), address: wallet.address };
}

/** The kit manifest (kit.json). */
export function kitManifest(consortium: string, id: string, role: 'site' | 'coordinator'): string {
  return `${JSON.stringify({ version: 1, consortium, id, role }, null, 2)}\n`;
}
