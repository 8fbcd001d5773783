// The names a party's TLS certificate is valid for (DNS and IP subject alternative names), chosen by the party's
// operator so peers on other machines can reach it by its real name; checked before any key or file is made.
import { isIP } from 'node:net';
import { MedflError } from '../MedflError.ts';

export interface CertificateNames {
  readonly dns: readonly string[];
  readonly ip: readonly string[];
}

/** Today's names: enough for every party on one machine. */
export const DEFAULT_CERTIFICATE_NAMES: readonly string[] = ['localhost', '127.0.0.1'];

const DNS_LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

function isDnsName(name: string): boolean {
  return name.length <= 253 && name.split('.').every((label) => DNS_LABEL.test(label));
}

/** Why `name` cannot be a certificate name, or undefined when it is a lower-case DNS name or an IP address. */
export function certificateNameProblem(name: string): string | undefined {
  if (isIP(name) !== 0 || isDnsName(name)) return undefined;
  return `"${name}" is neither an IP address nor a DNS name (lower-case letters, digits, dashes and dots; no wildcards)`;
}

/** Sorts names into DNS and IP names, without repeats; the first bad one is USAGE naming `flag` and the name. */
export function parseCertificateNames(names: readonly string[], flag: string): CertificateNames {
  const unique = [...new Set(names.map((name) => name.trim()).filter(Boolean))];
  if (unique.length === 0) throw new MedflError('USAGE', `${flag} names no host; give DNS names or IP addresses, e.g. coordinator.example.org,10.0.0.5`);
  for (const name of unique) {
    const problem = certificateNameProblem(name);
    if (problem) throw new MedflError('USAGE', `${flag}: ${problem}`);
  }
  return { dns: unique.filter((name) => isIP(name) === 0), ip: unique.filter((name) => isIP(name) !== 0) };
}
