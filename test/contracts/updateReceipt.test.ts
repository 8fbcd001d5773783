// EIP-712 UpdateReceipt: a coordinator's receipt recovers to its key only for the same ledger, chain and fields, and
// it is signed in the very domain round attestations are.
import { TypedDataEncoder } from 'ethers';
import { describe, expect, it } from 'vitest';
import { ledgerTypedDomain, roundAttestationTypedData } from '../../contracts/attestation.ts';
import { recoverReceiptSigner, signUpdateReceipt, updateReceiptTypedData } from '../../contracts/updateReceipt.ts';
import { hashOf, siteWallets } from './signedRound.ts';

const [coordinator, site] = siteWallets('update-receipt-test', 2);
const domain = { chainId: 31337, ledger: '0x5FbDB2315678afecb367f032d93F642f64180aa3' };
const receipt = { runId: '1', round: 2, attempt: 1, site: site!.address, digest: hashOf('update') };

describe('UpdateReceipt', () => {
  it('recovers the signing coordinator', async () => {
    const signature = await signUpdateReceipt(coordinator!, domain, receipt);
    expect(recoverReceiptSigner(domain, receipt, signature)).toBe(coordinator!.address);
  });

  it('binds run, round, attempt, site, digest, chain and ledger: any change recovers another address', async () => {
    const signature = await signUpdateReceipt(coordinator!, domain, receipt);
    const changed = [
      { ...receipt, runId: '2' }, { ...receipt, round: 3 }, { ...receipt, attempt: 0 }, { ...receipt, site: coordinator!.address }, { ...receipt, digest: hashOf('other') },
    ];
    for (const fields of changed) expect(recoverReceiptSigner(domain, fields, signature), JSON.stringify(fields)).not.toBe(coordinator!.address);
    expect(recoverReceiptSigner({ ...domain, chainId: 1 }, receipt, signature)).not.toBe(coordinator!.address);
    expect(recoverReceiptSigner({ ...domain, ledger: site!.address }, receipt, signature)).not.toBe(coordinator!.address);
  });

  it('is signed in the RoundLedger domain attestations use, as its own type', () => {
    const typed = updateReceiptTypedData(domain, receipt);
    const attestation = roundAttestationTypedData(domain, { runId: '1', round: 2, prevModelHash: hashOf('a'), modelHash: hashOf('b'), aggregateDigest: hashOf('c'), contributionsRoot: hashOf('d'), totalExamples: 3 });
    expect(typed.domain).toEqual(ledgerTypedDomain(domain));
    expect(TypedDataEncoder.hashDomain(typed.domain)).toBe(TypedDataEncoder.hashDomain(attestation.domain));
    expect(TypedDataEncoder.from(typed.types).encodeType('UpdateReceipt')).toBe('UpdateReceipt(uint256 runId,uint256 round,uint256 attempt,address site,bytes32 digest)');
  });

  it('reports a malformed signature as SIGNATURE_INVALID', () => {
    expect(() => recoverReceiptSigner(domain, receipt, '0x1234')).toThrow(expect.objectContaining({ code: 'SIGNATURE_INVALID' }));
  });
});
