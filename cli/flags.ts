// Flag values checked before any file is written or any chain or network call is made: one clear USAGE line naming
// the flag, instead of a library's error later (ethers reading "0x1234" as an ENS name, a NaN port, …).
import { isAddress } from 'ethers';
import { isEndpoint } from '../common/kit/endpoint.ts';
import { MedflError } from '../common/MedflError.ts';

/** The one default chain endpoint every command uses (`medfl chain start`'s default). */
export const DEFAULT_RPC = 'http://127.0.0.1:8545';

/** Strings quoted; numbers as typed. yargs turns a non-number into NaN, which says only that it was not a number. */
const shown = (value: unknown): string => (typeof value === 'number' ? String(value) : JSON.stringify(value));
const usage = (flag: string, value: unknown, want: string) =>
  new MedflError('USAGE', Number.isNaN(value) ? `${flag} takes ${want}; the value given is not a number` : `${flag} ${shown(value)} is not ${want}`);

export function checkAddress(value: string, flag: string): string {
  if (!/^0x[0-9a-fA-F]{40}$/.test(value) || !isAddress(value)) throw usage(flag, value, 'an Ethereum address (0x and 40 hex digits)');
  return value;
}

export function checkPort(value: number, flag: string): number {
  if (!Number.isInteger(value) || value < 0 || value > 65_535) throw usage(flag, value, 'a port number from 0 to 65535');
  return value;
}

export function checkPositiveInteger(value: number, flag: string): number {
  if (!Number.isInteger(value) || value < 1) throw usage(flag, value, 'a whole number of 1 or more');
  return value;
}

export function checkRpcUrl(value: string, flag: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw usage(flag, value, 'an http(s) or ws(s) URL such as http://127.0.0.1:8545');
  }
  if (!['http:', 'https:', 'ws:', 'wss:'].includes(url.protocol)) throw usage(flag, value, 'an http(s) or ws(s) URL such as http://127.0.0.1:8545');
  return value;
}

export function checkPrivateKey(value: string, flag: string): string {
  if (!/^0x[0-9a-fA-F]{64}$/.test(value)) throw new MedflError('USAGE', `${flag} is not a 0x-hex 32-byte private key`);
  return value;
}

/** host:port of a peer, e.g. 127.0.0.2:7443 or coordinator.example.org:7443. */
export function checkEndpoint(value: string, flag: string): string {
  if (!isEndpoint(value)) throw usage(flag, value, 'host:port (e.g. 127.0.0.1:7443)');
  return value;
}
