// Site kits with seeded ed25519 and X25519 keys and nothing else, for unit tests of the key-share modules (no TLS, no disk).
import nacl from 'tweetnacl';
import type { Consortium } from '../../../../common/kit/Consortium.ts';
import type { Kit } from '../../../../common/kit/loadKit.ts';

export const SHARE_SITES = ['site-a', 'site-b', 'site-c', 'site-d'] as const;
export type ShareSite = (typeof SHARE_SITES)[number];

const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

/** One kit per site of SHARE_SITES, all naming the same consortium; a coordinator kit (no site keys) too. */
export function shareKits(): Record<ShareSite | 'coordinator', Kit> {
  const keys = SHARE_SITES.map((id, index) => ({
    id,
    signing: nacl.sign.keyPair.fromSeed(new Uint8Array(32).fill(index + 1)),
    box: nacl.box.keyPair.fromSecretKey(new Uint8Array(32).fill(index + 101)),
  }));
  const sites = keys.map(({ id, signing, box }) => ({ id, signingPublicKey: base64(signing.publicKey), boxPublicKey: base64(box.publicKey) }));
  const consortium = { name: 'shares', sites } as unknown as Consortium;
  const kitOf = (id: string, extra: Partial<Kit>) => ({ dir: `kits/${id}`, id, role: 'site', consortium, ...extra }) as Kit;
  const kits = Object.fromEntries(keys.map(({ id, signing, box }) => [id, kitOf(id, { signingSecretKey: signing.secretKey, boxSecretKey: box.secretKey })]));
  return { ...kits, coordinator: kitOf('coordinator', { role: 'coordinator' }) } as Record<ShareSite | 'coordinator', Kit>;
}
