// The bytes a site signs for one of its messages: canonical JSON (RFC 8785) of the message's fields under a domain tag,
// byte fields as 0x-hex. The tag keeps a signature from being valid for any other message the same key signs.
import { canonicalJson } from '../canonicalJson.ts';

export function signingBytes(domain: string, fields: Readonly<Record<string, string | number | Uint8Array>>): Uint8Array {
  const values = Object.fromEntries(Object.entries(fields).map(([name, value]) => [name, value instanceof Uint8Array ? `0x${Buffer.from(value).toString('hex')}` : value]));
  return new Uint8Array(Buffer.from(canonicalJson({ domain, ...values }), 'utf8'));
}
