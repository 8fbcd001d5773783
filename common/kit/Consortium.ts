// consortium.json: the public facts of a consortium that every party checks peers against.
import { z } from 'zod';
import { chainPinSchema } from './chainPin.ts';
import { endpointSchema } from './endpoint.ts';
import { partyIdSchema } from './partyId.ts';

const fingerprint = z.string().regex(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/, 'a sha256 fingerprint as AB:CD:…');
const address = z.string().regex(/^0x[0-9a-fA-F]{40}$/, 'an Ethereum address');
const base64Key = (bytes: number) =>
  z.string().refine((value) => Buffer.from(value, 'base64').length === bytes, `a base64 ${bytes}-byte key`);

export const siteSchema = z
  .object({
    id: partyIdSchema,
    certFingerprint256: fingerprint,
    signingPublicKey: base64Key(32),
    boxPublicKey: base64Key(32),
    address,
  })
  .strict();

export const consortiumSchema = z
  .object({
    version: z.literal(1),
    name: z.string().min(1),
    caFingerprint256: fingerprint,
    // endpoint: where sites reach the coordinator (set at provisioning); `medfl participant --coordinator` defaults to it.
    coordinator: z.object({ id: partyIdSchema, certFingerprint256: fingerprint, address, endpoint: endpointSchema.optional() }).strict(),
    sites: z.array(siteSchema).min(1),
    // chain: the chain and ledger the consortium's runs are committed to (pinned at provisioning, `--rpc --ledger`).
    chain: chainPinSchema.optional(),
  })
  .strict();

export type ConsortiumSite = z.infer<typeof siteSchema>;
export type Consortium = z.infer<typeof consortiumSchema>;

export function findSite(consortium: Consortium, siteId: string): ConsortiumSite | undefined {
  return consortium.sites.find((site) => site.id === siteId);
}
