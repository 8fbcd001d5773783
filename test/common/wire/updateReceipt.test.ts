// Every place that carries the coordinator's update receipt agrees with common/wire/updateReceipt.ts: the proto, the
// zod schemas a site parses it with, and the EIP-712 type it is signed as. A failure names the place that drifted.
import { loadSync } from '@grpc/proto-loader';
import { assert, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { UPDATE_RECEIPT_TYPES } from '../../../contracts/updateReceipt.ts';
import { UPDATE_RECEIPT_FIELDS } from '../../../common/wire/updateReceipt.ts';
import { receiptSchema, signedReceiptSchema } from '../../../common/wire/wireSchemas.ts';

const PROTO = 'protos/medfl/v1/messages.proto';

const descriptorSchema = z.object({ type: z.object({ field: z.array(z.object({ name: z.string(), type: z.string() })) }) });

/** The fields of messages.proto's UpdateReceipt as `name: TYPE_X` (camelCase names, as the code sees them). */
function protoReceiptFields(): string[] {
  const definition = loadSync('medfl/v1/messages.proto', { includeDirs: ['protos'], keepCase: false });
  return descriptorSchema.parse(definition['medfl.v1.UpdateReceipt']).type.field.map((field) => `${field.name}: ${field.type}`);
}

/** Values a field of each kind must accept and refuse, so the zod check is about behaviour, not schema internals. */
const ZOD_PROBES: Readonly<Record<string, { accepts: unknown; refuses: readonly unknown[] }>> = {
  'uint256 as string': { accepts: '12', refuses: [12, '', 'twelve'] },
  'uint256 as uint32': { accepts: 12, refuses: [-1, 1.5, '12'] },
  'address as string': { accepts: `0x${'aB'.repeat(20)}`, refuses: ['site-a', `0x${'ab'.repeat(19)}`, 12] },
  'bytes32 as string': { accepts: `0x${'ab'.repeat(32)}`, refuses: ['0x12', `0x${'AB'.repeat(32)}`, 12] },
};

describe('the update receipt', () => {
  it(`is carried by ${PROTO}'s UpdateReceipt with the signature beside it`, () => {
    const fields = protoReceiptFields();
    for (const { name, proto } of UPDATE_RECEIPT_FIELDS) expect(fields, `${PROTO} UpdateReceipt`).toContain(`${name}: TYPE_${proto.toUpperCase()}`);
    expect(fields, `${PROTO} UpdateReceipt`).toContain('signature: TYPE_STRING');
  });

  it('is checked field by field by signedReceiptSchema, and receiptSchema is that plus updatesIn (common/wire/wireSchemas.ts)', () => {
    const shape: Record<string, z.ZodType> = signedReceiptSchema.shape;
    expect(Object.keys(shape)).toEqual([...UPDATE_RECEIPT_FIELDS.map(({ name }) => name), 'signature']);
    expect(Object.keys(receiptSchema.shape)).toEqual([...Object.keys(shape), 'updatesIn']);
    for (const { name, solidity, proto } of UPDATE_RECEIPT_FIELDS) {
      const field = shape[name];
      assert(field, `signedReceiptSchema has no ${name}`);
      const probe = ZOD_PROBES[`${solidity} as ${proto}`];
      assert(probe, `no zod probe for a ${solidity} carried as ${proto}: add one to this test`);
      const verdicts = [probe.accepts, ...probe.refuses].map((value) => field.safeParse(value).success);
      expect(verdicts, `signedReceiptSchema.${name} (${solidity} as ${proto}) on ${JSON.stringify([probe.accepts, ...probe.refuses])}`).toEqual([true, ...probe.refuses.map(() => false)]);
    }
  });

  it('is the EIP-712 type contracts/updateReceipt.ts signs', () => {
    const expected = UPDATE_RECEIPT_FIELDS.map(({ name, solidity }) => ({ name, type: solidity }));
    expect(UPDATE_RECEIPT_TYPES.UpdateReceipt, 'contracts/updateReceipt.ts UPDATE_RECEIPT_TYPES').toEqual(expected);
  });
});
