// A site takes the coordinator's receipt for its update only if the consortium's coordinator signed exactly this
// update's run, round, attempt, site and digest: anything less would prove nothing should the update go missing.
import { MedflError } from '../../common/MedflError.ts';
import type { UpdateReceipt } from '../../common/wire/protocolTypes.ts';
import { UPDATE_RECEIPT_FIELDS, type SignedUpdateReceipt, type UpdateReceiptFields } from '../../common/wire/updateReceipt.ts';
import type { SiteLedger } from '../ports.ts';

const sameAddress = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** The signed part of `receipt`; RECEIPT_INVALID naming each field that is not `expected`'s, or another signer. */
export function checkReceipt(
  receipt: UpdateReceipt,
  expected: UpdateReceiptFields,
  coordinator: string,
  ledger: Pick<SiteLedger, 'receiptSigner'>,
): SignedUpdateReceipt {
  const { runId, round, attempt, site, digest, signature } = receipt;
  const signed: SignedUpdateReceipt = { runId, round, attempt, site, digest, signature };
  const differences = UPDATE_RECEIPT_FIELDS.map(({ name }) => name)
    .filter((name) => (name === 'site' ? !sameAddress(receipt.site, expected.site) : receipt[name] !== expected[name]))
    .map((name) => `${name} ${receipt[name]} where this update has ${expected[name]}`);
  const what = `the coordinator's receipt for round ${expected.round} attempt ${expected.attempt}`;
  if (differences.length > 0) throw new MedflError('RECEIPT_INVALID', `${what} is not for this update: ${differences.join('; ')}`);
  let signer: string;
  try {
    signer = ledger.receiptSigner(signed, signature);
  } catch (cause) {
    throw new MedflError('RECEIPT_INVALID', `${what} carries a malformed signature`, { cause });
  }
  if (!sameAddress(signer, coordinator)) {
    throw new MedflError('RECEIPT_INVALID', `${what} is signed by ${signer}, not by the consortium's coordinator ${coordinator}`);
  }
  return signed;
}
