import { Signature, Wallet } from 'ethers';
import { describe, expect, it } from 'vitest';
import { signRoundAttestation } from '../../contracts/attestation.ts';
import { commitArguments } from '../../contracts/commitArguments.ts';
import { buildContributionsTree } from '../../common/wire/contributionsTree.ts';
import { hashOf, siteWallets } from './signedRound.ts';
import { NO_CONSENT_ROOT } from '../../common/consent/consentTree.ts';

const domain = { chainId: 31337, ledger: '0x5FbDB2315678afecb367f032d93F642f64180aa3' };
const sites = siteWallets('commit-arguments', 3);
const addresses = sites.map((site) => site.address);
const contributions = sites.map((site, i) => ({ address: site.address, examples: 5 + i, digest: hashOf(`digest ${i}`), epsilonMicros: 250_000 * i, consentRoot: NO_CONSENT_ROOT }));
const fields = {
  runId: '4', round: 2, prevModelHash: hashOf('prev'), modelHash: hashOf('model'), aggregateDigest: hashOf('aggregate'),
  contributionsRoot: buildContributionsTree(contributions).root, totalExamples: 18,
};

describe('commitArguments', () => {
  it('names contributors and signers by their index in the run\'s site list, leaves in multiproof order', async () => {
    const signatures = await Promise.all([sites[2]!, sites[0]!].map((site) => signRoundAttestation(site, domain, fields)));
    const args = commitArguments({ ...fields, contributions, signatures }, addresses, domain);
    const ordered = buildContributionsTree(contributions).orderedLeaves;
    expect(args.contributions.map((c) => addresses[c.siteIndex])).toEqual(ordered.map((leaf) => leaf.address));
    expect(args.contributions.map((c) => c.epsilonMicros)).toEqual(ordered.map((leaf) => leaf.epsilonMicros));
    expect(args.signatures.map((s) => s.siteIndex)).toEqual([2, 0]);
    const full = Signature.from(signatures[0]!);
    expect(args.signatures[0]).toMatchObject({ r: full.r, vs: full.yParityAndS });
    expect(args.sites).toEqual(addresses);
  });

  it('refuses a contributor outside the run, and gives an outside signer an index past the end (the contract names it)', async () => {
    const outsider = Wallet.createRandom();
    const withOutsider = [...contributions, { address: outsider.address, examples: 1, digest: hashOf('x'), epsilonMicros: 0, consentRoot: NO_CONSENT_ROOT }];
    expect(() => commitArguments({ ...fields, contributions: withOutsider, signatures: [] }, addresses, domain)).toThrow(
      expect.objectContaining({ code: 'LEDGER_INPUT_INVALID', message: expect.stringContaining(`contributor ${outsider.address} is not a site of run 4`) }),
    );
    const signature = await signRoundAttestation(outsider, domain, fields);
    expect(commitArguments({ ...fields, contributions, signatures: [signature] }, addresses, domain).signatures[0]!.siteIndex).toBe(3);
  });
});
