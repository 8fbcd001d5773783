// Distributed provisioning, back on the party's machine (`medfl kit import`): the administrator's answer is checked
// against the keys this kit made (the certificate carries our TLS key and chains to the CA consortium.json names;
// consortium.json lists our public keys exactly) before it completes the kit.
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { Wallet } from 'ethers';
import nacl from 'tweetnacl';
import { MedflError } from '../common/MedflError.ts';
import { certificateFingerprint256, certificateMatches } from '../common/kit/certificates.ts';
import { consortiumSchema } from '../common/kit/Consortium.ts';
import { KIT_FILES } from '../common/kit/kitFiles.ts';
import { kitManifestSchema, loadKit, readKey, readKitFile, readKitJson, type Kit } from '../common/kit/loadKit.ts';

const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

/** Our own public facts, derived from the private keys in the kit. */
function ownPublicFacts(kitDir: string, role: string): Record<string, string> {
  const address = new Wallet(readKitFile(kitDir, KIT_FILES.ethKey).trim()).address;
  if (role === 'coordinator') return { address };
  const signing = nacl.sign.keyPair.fromSecretKey(readKey(kitDir, KIT_FILES.signingKey, 64));
  const box = nacl.box.keyPair.fromSecretKey(readKey(kitDir, KIT_FILES.boxKey, 32));
  return { address, signingPublicKey: base64(signing.publicKey), boxPublicKey: base64(box.publicKey) };
}

export async function importIssued(kitDir: string, issuedDir: string): Promise<Kit> {
  const manifest = readKitJson(kitDir, KIT_FILES.manifest, kitManifestSchema);
  const certPem = readKitFile(issuedDir, KIT_FILES.tlsCert);
  const caPem = readKitFile(issuedDir, KIT_FILES.caCert);
  const consortium = readKitJson(issuedDir, KIT_FILES.consortium, consortiumSchema);
  const { signedByCa, ownKey } = await certificateMatches(certPem, caPem, readKitFile(kitDir, KIT_FILES.tlsKey));
  if (!ownKey) throw new MedflError('KIT_INVALID', `${join(issuedDir, KIT_FILES.tlsCert)} certifies another key than this kit's ${KIT_FILES.tlsKey}`);
  if (!signedByCa || certificateFingerprint256(caPem) !== consortium.caFingerprint256) {
    throw new MedflError('KIT_INVALID', `${join(issuedDir, KIT_FILES.tlsCert)} does not chain to the CA that consortium.json names`);
  }
  const listed = manifest.role === 'coordinator' ? consortium.coordinator : consortium.sites.find((site) => site.id === manifest.id);
  if (!listed || listed.id !== manifest.id) throw new MedflError('KIT_INVALID', `consortium.json does not list ${manifest.id} as a ${manifest.role}`);
  const mismatched = Object.entries(ownPublicFacts(kitDir, manifest.role)).filter(([key, value]) => String((listed as Record<string, unknown>)[key]).toLowerCase() !== value.toLowerCase());
  if (mismatched.length > 0 || listed.certFingerprint256 !== certificateFingerprint256(certPem)) {
    const fields = [...mismatched.map(([key]) => key), ...(listed.certFingerprint256 !== certificateFingerprint256(certPem) ? ['certFingerprint256'] : [])];
    throw new MedflError('KIT_INVALID', `consortium.json lists other ${fields.join(', ')} for ${manifest.id} than this kit holds`);
  }
  for (const name of [KIT_FILES.tlsCert, KIT_FILES.caCert, KIT_FILES.consortium]) copyFileSync(join(issuedDir, name), join(kitDir, name));
  return loadKit(kitDir);
}
