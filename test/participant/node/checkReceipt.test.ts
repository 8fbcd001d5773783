// A site takes a receipt only if the consortium's coordinator signed exactly this update's fields (real EIP-712
// signatures and recovery; no ledger is involved, only its domain).
import { Wallet } from 'ethers';
import { describe, expect, it } from 'vitest';
import { recoverReceiptSigner, signUpdateReceipt } from '../../../contracts/updateReceipt.ts';
import { checkReceipt } from '../../../participant/node/checkReceipt.ts';
import { hashOf } from '../../contracts/signedRound.ts';

const domain = { chainId: 31337, ledger: '0x5FbDB2315678afecb367f032d93F642f64180aa3' };
const ledger = { receiptSigner: (fields: Parameters<typeof recoverReceiptSigner>[1], signature: string) => recoverReceiptSigner(domain, fields, signature) };
const coordinator = new Wallet(hashOf('check-receipt/coordinator'));
const stranger = new Wallet(hashOf('check-receipt/stranger'));
const site = new Wallet(hashOf('check-receipt/site')).address;
const expected = { runId: '4', round: 2, attempt: 1, site, digest: hashOf('our update') };

async function receiptFrom(signer: Wallet, fields = expected) {
  return { ...fields, signature: await signUpdateReceipt(signer, domain, fields), updatesIn: 2 };
}

describe('checkReceipt', () => {
  it('returns the signed receipt when the coordinator signed this update\'s fields (site address in any case)', async () => {
    const receipt = await receiptFrom(coordinator);
    const signed = { ...expected, site: site.toLowerCase(), signature: receipt.signature };
    expect(checkReceipt({ ...receipt, site: site.toLowerCase() }, expected, coordinator.address.toLowerCase(), ledger)).toEqual(signed);
  });

  it('refuses as RECEIPT_INVALID a receipt signed by another key', async () => {
    const forged = await receiptFrom(stranger);
    expect(() => checkReceipt(forged, expected, coordinator.address, ledger)).toThrow(expect.objectContaining({
      code: 'RECEIPT_INVALID', message: `the coordinator's receipt for round 2 attempt 1 is signed by ${stranger.address}, not by the consortium's coordinator ${coordinator.address}`,
    }));
  });

  it('refuses as RECEIPT_INVALID a coordinator-signed receipt for another digest or another round, naming the field', async () => {
    const otherDigest = await receiptFrom(coordinator, { ...expected, digest: hashOf('another update') });
    expect(() => checkReceipt(otherDigest, expected, coordinator.address, ledger)).toThrow(expect.objectContaining({
      code: 'RECEIPT_INVALID',
      message: `the coordinator's receipt for round 2 attempt 1 is not for this update: digest ${hashOf('another update')} where this update has ${expected.digest}`,
    }));
    const otherRound = await receiptFrom(coordinator, { ...expected, round: 1 });
    expect(() => checkReceipt(otherRound, expected, coordinator.address, ledger)).toThrow(expect.objectContaining({
      code: 'RECEIPT_INVALID', message: "the coordinator's receipt for round 2 attempt 1 is not for this update: round 1 where this update has 2",
    }));
  });

  it('refuses as RECEIPT_INVALID a receipt whose fields were changed after signing, or whose signature is no signature', async () => {
    const signed = await receiptFrom(coordinator, { ...expected, attempt: 0 });
    expect(() => checkReceipt({ ...signed, attempt: 1 }, expected, coordinator.address, ledger)).toThrow(expect.objectContaining({
      code: 'RECEIPT_INVALID', message: expect.stringMatching(/^the coordinator's receipt for round 2 attempt 1 is signed by 0x[0-9a-fA-F]{40}, not by the consortium's coordinator/),
    }));
    const garbage = { ...(await receiptFrom(coordinator)), signature: `0x${'0'.repeat(130)}` };
    expect(() => checkReceipt(garbage, expected, coordinator.address, ledger)).toThrow(expect.objectContaining({
      code: 'RECEIPT_INVALID', message: "the coordinator's receipt for round 2 attempt 1 carries a malformed signature",
    }));
  });
});
