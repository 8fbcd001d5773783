// One site-signed message kind (an update envelope, a decryption share): the exact bytes signed are its named fields
// under a domain tag (signingBytes.ts), signed with tweetnacl and verified with node:crypto (verifyEd25519.ts says why).
import nacl from 'tweetnacl';
import { signingBytes } from './signingBytes.ts';
import { verifyEd25519 } from './verifyEd25519.ts';

type FieldValue = string | number | Uint8Array;

export interface MessageSigner<Fields> {
  /** The exact bytes signed: the tagged fields, signature excluded. */
  bytes(fields: Fields): Uint8Array;
  /** The signed fields alone (nothing else the object carries), with the signature. */
  sign(fields: Fields, signingSecretKey: Uint8Array): Fields & { readonly signature: Uint8Array };
  /** True when `message.signature` is the ed25519 signature of its fields by `signingPublicKey` (32 bytes). */
  verify(message: Fields & { readonly signature: Uint8Array }, signingPublicKey: Uint8Array): boolean;
}

export function messageSigner<Fields extends { readonly [Name in keyof Fields]: FieldValue }>(domain: string, names: readonly (keyof Fields & string)[]): MessageSigner<Fields> {
  const signed = (fields: Fields) => Object.fromEntries(names.map((name) => [name, fields[name]])) as unknown as Fields;
  const bytes = (fields: Fields) => signingBytes(domain, signed(fields) as Readonly<Record<string, FieldValue>>);
  return {
    bytes,
    sign: (fields, signingSecretKey) => ({ ...signed(fields), signature: nacl.sign.detached(bytes(fields), signingSecretKey) }),
    verify: (message, signingPublicKey) => verifyEd25519(bytes(message), message.signature, signingPublicKey),
  };
}
