// EIP-712 RoundAttestation: signatures recover to their signer only for the same ledger, chain and fields.
import { describe, expect, it } from 'vitest';
import { recoverAttester, roundAttestationDigest, signRoundAttestation } from '../../contracts/attestation.ts';
import { hashOf, siteWallets } from './signedRound.ts';

const [site] = siteWallets('attestation-test', 1);
const domain = { chainId: 31337, ledger: '0x5FbDB2315678afecb367f032d93F642f64180aa3' };
const attestation = {
  runId: '1', round: 2, prevModelHash: hashOf('m1'), modelHash: hashOf('m2'),
  aggregateDigest: hashOf('agg'), contributionsRoot: hashOf('root'), totalExamples: 120,
};

describe('RoundAttestation', () => {
  it('recovers the signing site', async () => {
    const signature = await signRoundAttestation(site!, domain, attestation);
    expect(recoverAttester(domain, attestation, signature)).toBe(site!.address);
  });

  it('binds run, fields, chain and ledger: any change recovers another address', async () => {
    const signature = await signRoundAttestation(site!, domain, attestation);
    expect(recoverAttester(domain, { ...attestation, runId: '2' }, signature)).not.toBe(site!.address);
    expect(recoverAttester(domain, { ...attestation, totalExamples: 121 }, signature)).not.toBe(site!.address);
    expect(recoverAttester({ ...domain, chainId: 1 }, attestation, signature)).not.toBe(site!.address);
    expect(roundAttestationDigest(domain, attestation)).not.toBe(roundAttestationDigest({ ...domain, ledger: site!.address }, attestation));
  });

  it('reports a malformed signature as SIGNATURE_INVALID', () => {
    expect(() => recoverAttester(domain, attestation, '0x1234')).toThrow(expect.objectContaining({ code: 'SIGNATURE_INVALID' }));
  });
});
