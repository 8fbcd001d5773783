// Every place that carries the attested round agrees with common/wire/roundAttestation.ts: the proto, the zod schema,
// the EIP-712 type, and RoundLedger (its ABI and its type hash). A failure names the place that drifted.
import { readFileSync } from 'node:fs';
import { loadSync } from '@grpc/proto-loader';
import { TypedDataEncoder, type JsonFragmentType } from 'ethers';
import { assert, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ROUND_ATTESTATION_TYPES } from '../../../contracts/attestation.ts';
import { ledgerArtifact } from '../../../contracts/ledgerArtifact.ts';
import { ROUND_ATTESTATION_FIELDS } from '../../../common/wire/roundAttestation.ts';
import { attestationSchema } from '../../../common/wire/wireSchemas.ts';

const PROTO = 'protos/medfl/v1/messages.proto';
const SOLIDITY = 'contracts/RoundLedger.sol';

const descriptorSchema = z.object({ type: z.object({ field: z.array(z.object({ name: z.string(), type: z.string() })) }) });

/** Every message of messages.proto with its fields as `name: TYPE_X` (camelCase names, as the code sees them). */
function protoMessages(): Map<string, string[]> {
  const definition = loadSync('medfl/v1/messages.proto', { includeDirs: ['protos'], keepCase: false });
  const messages = new Map<string, string[]>();
  for (const [name, value] of Object.entries(definition)) {
    const parsed = descriptorSchema.safeParse(value);
    if (parsed.success) messages.set(name, parsed.data.type.field.map((field) => `${field.name}: ${field.type}`));
  }
  return messages;
}

const fieldName = (field: string): string => field.split(':')[0]!;

/** Values a field of each kind must accept and refuse, so the zod check is about behaviour, not schema internals. */
const ZOD_PROBES: Readonly<Record<string, { accepts: unknown; refuses: readonly unknown[] }>> = {
  'uint256 as string': { accepts: '12', refuses: [12, ''] },
  'uint256 as uint32': { accepts: 12, refuses: [-1, 1.5, '12'] },
  'bytes32 as string': { accepts: `0x${'ab'.repeat(32)}`, refuses: ['0x12', `0x${'AB'.repeat(32)}`, 12] },
};

describe('the attested round', () => {
  it(`is carried by ${PROTO}'s Attestation, and every message that repeats one of its fields uses the same type`, () => {
    const expected = ROUND_ATTESTATION_FIELDS.map(({ name, proto }) => `${name}: TYPE_${proto.toUpperCase()}`);
    const expectedByName = new Map(expected.map((field) => [fieldName(field), field]));
    const messages = protoMessages();
    expect(messages.get('medfl.v1.Attestation')?.filter((field) => expectedByName.has(fieldName(field))), `${PROTO} Attestation`).toEqual(expected);
    for (const [message, fields] of messages) {
      const attested = fields.filter((field) => expectedByName.has(fieldName(field)));
      expect(attested, `${PROTO} ${message}`).toEqual(attested.map((field) => expectedByName.get(fieldName(field))));
    }
  });

  it('is checked by attestationSchema (common/wire/wireSchemas.ts) field by field', () => {
    const shape: Record<string, z.ZodType> = attestationSchema.shape;
    for (const { name, solidity, proto } of ROUND_ATTESTATION_FIELDS) {
      const field = shape[name];
      assert(field, `attestationSchema (common/wire/wireSchemas.ts) has no ${name}`);
      const probe = ZOD_PROBES[`${solidity} as ${proto}`];
      assert(probe, `no zod probe for a ${solidity} carried as ${proto}: add one to this test`);
      const verdicts = [probe.accepts, ...probe.refuses].map((value) => field.safeParse(value).success);
      expect(verdicts, `attestationSchema.${name} (${solidity} as ${proto}) on ${JSON.stringify([probe.accepts, ...probe.refuses])}`).toEqual([true, ...probe.refuses.map(() => false)]);
    }
  });

  it('is the EIP-712 type contracts/attestation.ts signs', () => {
    const expected = ROUND_ATTESTATION_FIELDS.map(({ name, solidity }) => ({ name, type: solidity }));
    expect(ROUND_ATTESTATION_TYPES.RoundAttestation, 'contracts/attestation.ts ROUND_ATTESTATION_TYPES').toEqual(expected);
  });

  it(`is the type ${SOLIDITY} hashes: ROUND_ATTESTATION_TYPEHASH's string`, () => {
    const source = readFileSync(SOLIDITY, 'utf8');
    const typeString = /ROUND_ATTESTATION_TYPEHASH = keccak256\(\s*"([^"]+)"/.exec(source)?.[1];
    expect(typeString, `${SOLIDITY} ROUND_ATTESTATION_TYPEHASH`).toBe(TypedDataEncoder.from(ROUND_ATTESTATION_TYPES).encodeType('RoundAttestation'));
  });

  it('is the attestation tuple of commitRound in contracts/build/RoundLedger.json', () => {
    const commitRound = ledgerArtifact().abi.find((fragment) => fragment.type === 'function' && fragment.name === 'commitRound');
    const tuple = commitRound?.inputs?.find((input: JsonFragmentType) => input.name === 'attestation');
    const components = tuple?.components?.map((component) => ({ name: component.name, type: component.type }));
    const expected = ROUND_ATTESTATION_FIELDS.map(({ name, solidity }) => ({ name, type: solidity }));
    expect(components, 'contracts/build/RoundLedger.json commitRound(attestation, …)').toEqual(expected);
  });
});
