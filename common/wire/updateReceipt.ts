// The coordinator's signed receipt for one accepted update: the five fields it signs (EIP-712, same domain as the
// round attestations), so a site can prove later that the coordinator took its update. This list is their one
// source: the EIP-712 type is derived from it, and test/common/wire/updateReceipt.test.ts checks the proto and the
// zod schema against it.
import type { TypedValues } from './typedFields.ts';

/**
 * Each field in the signed order, with its Solidity type and the proto type that carries it. runId travels as a
 * decimal string (on-chain run ids are uint256); site is the site's Ethereum address as consortium.json lists it.
 */
export const UPDATE_RECEIPT_FIELDS = [
  { name: 'runId', solidity: 'uint256', proto: 'string' },
  { name: 'round', solidity: 'uint256', proto: 'uint32' },
  { name: 'attempt', solidity: 'uint256', proto: 'uint32' },
  { name: 'site', solidity: 'address', proto: 'string' },
  { name: 'digest', solidity: 'bytes32', proto: 'string' },
] as const;

/** What the coordinator signs for an accepted update, as TypeScript values. */
export type UpdateReceiptFields = TypedValues<typeof UPDATE_RECEIPT_FIELDS>;

/** The receipt with the coordinator's 0x-hex 65-byte EIP-712 signature over its fields. */
export interface SignedUpdateReceipt extends UpdateReceiptFields {
  readonly signature: string;
}
