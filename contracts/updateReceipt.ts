// EIP-712 UpdateReceipt: the coordinator's signature that it durably accepted one site's update, and recovery of its
// signer, in RoundLedger's domain (the run's coordinator on chain is the address a receipt must recover to).
import type { Signer } from 'ethers';
import { UPDATE_RECEIPT_FIELDS, type UpdateReceiptFields } from '../common/wire/updateReceipt.ts';
import { ledgerTypedDomain, recoverTypedSigner, type LedgerDomain } from './attestation.ts';

/** The EIP-712 type, derived from the one list of receipt fields. */
export const UPDATE_RECEIPT_TYPES = {
  UpdateReceipt: UPDATE_RECEIPT_FIELDS.map(({ name, solidity }) => ({ name, type: solidity })),
};

/** The EIP-712 domain, types and message for one receipt. */
export function updateReceiptTypedData(domain: LedgerDomain, receipt: UpdateReceiptFields) {
  const message = {
    runId: BigInt(receipt.runId),
    round: BigInt(receipt.round),
    attempt: BigInt(receipt.attempt),
    site: receipt.site,
    digest: receipt.digest,
  };
  return { domain: ledgerTypedDomain(domain), types: UPDATE_RECEIPT_TYPES, primaryType: 'UpdateReceipt' as const, message };
}

/** The coordinator's 65-byte signature over the receipt's fields. */
export function signUpdateReceipt(wallet: Signer, domain: LedgerDomain, receipt: UpdateReceiptFields): Promise<string> {
  const typed = updateReceiptTypedData(domain, receipt);
  return wallet.signTypedData(typed.domain, typed.types, typed.message);
}

/** The checksummed address that signed `signature` over `receipt`; a malformed signature is SIGNATURE_INVALID. */
export function recoverReceiptSigner(domain: LedgerDomain, receipt: UpdateReceiptFields, signature: string): string {
  return recoverTypedSigner(updateReceiptTypedData(domain, receipt), signature, 'update receipt');
}
