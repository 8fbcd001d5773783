// The chain a consortium's ledger lives on, as consortium.json pins it: a reviewer's or a site's RPC must show this
// chain id, this ledger address and this block hash at the ledger's deployment block, or it is another chain.
import { z } from 'zod';
import { hash32 } from '../wire/hash32.ts';

export const chainPinSchema = z
  .object({
    chainId: z.number().int().positive(),
    ledger: z.string().regex(/^0x[0-9a-fA-F]{40}$/, 'an Ethereum address'),
    /** The block holding the ledger's deployment (its constructor's RoleGranted event). */
    deployBlock: z.number().int().nonnegative(),
    /**
     * That block's hash: a fresh chain with the same id and deployer reproduces the ledger address but not this hash
     * unless it replays the deployment at the same times (see the README's verify section).
     */
    deployBlockHash: hash32,
  })
  .strict();

export type ChainPin = z.infer<typeof chainPinSchema>;
