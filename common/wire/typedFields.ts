// A signed message's fields as one list (name, Solidity type, proto type), and the TypeScript values that list
// describes: what the attestation and the update receipt each derive their EIP-712 type and value type from.
import type { Hash32 } from '../canonicalJson.ts';

export interface TypedField {
  readonly name: string;
  readonly solidity: 'uint256' | 'bytes32' | 'address';
  readonly proto: 'string' | 'uint32';
}

/** bytes32 is a Hash32; a uint256 or an address the proto carries as string is a string; a uint32 is a number. */
type TypeScriptTypeOf<Field extends TypedField> = Field extends { solidity: 'bytes32' }
  ? Hash32
  : Field extends { proto: 'string' }
    ? string
    : number;

/** The values of a field list, by name. */
export type TypedValues<Fields extends readonly TypedField[]> = {
  readonly [Field in Fields[number] as Field['name']]: TypeScriptTypeOf<Field>;
};
