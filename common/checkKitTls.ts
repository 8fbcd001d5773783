// Checks a kit's TLS key and certificate can be used before any connection is tried: a damaged tls.key otherwise
// surfaces later, inside gRPC, as an unforeseen error with no file named.
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { join } from 'node:path';
import { KIT_FILES } from './kit/kitFiles.ts';
import type { Kit } from './kit/loadKit.ts';
import { MedflError } from './MedflError.ts';

const reasonOf = (thrown: unknown): string => (thrown instanceof Error ? thrown.message : String(thrown));

export function checkKitTls(kit: Pick<Kit, 'dir' | 'tls'>): void {
  const keyFile = join(kit.dir, KIT_FILES.tlsKey);
  const certFile = join(kit.dir, KIT_FILES.tlsCert);
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(kit.tls.certPem);
  } catch (cause) {
    throw new MedflError('KIT_INVALID', `${certFile} is not a usable certificate (${reasonOf(cause)}); copy the kit again from provisioning`, { cause });
  }
  try {
    if (certificate.checkPrivateKey(createPrivateKey(kit.tls.keyPem))) return;
  } catch (cause) {
    throw new MedflError('KIT_INVALID', `${keyFile} is not a usable private key (${reasonOf(cause)}); copy the kit again from provisioning`, { cause });
  }
  throw new MedflError('KIT_INVALID', `${keyFile} is not the private key of ${certFile}; copy the kit again from provisioning`);
}
