// Test helper: deterministic site wallets and a fully signed commitRound request for a real ledger.
import { Wallet, keccak256, toUtf8Bytes } from 'ethers';
import type { Hash32 } from '../../common/canonicalJson.ts';
import { signRoundAttestation } from '../../contracts/attestation.ts';
import { buildContributionsTree } from '../../common/wire/contributionsTree.ts';
import type { CommitRoundRequest } from '../../contracts/CommitRoundRequest.ts';
import type { LedgerClient } from '../../contracts/LedgerClient.ts';

export const hashOf = (label: string): Hash32 => keccak256(toUtf8Bytes(label)) as Hash32;

/** Site wallets derived from a seed label, so every run of the test uses the same addresses. */
export function siteWallets(seed: string, count: number): Wallet[] {
  return Array.from({ length: count }, (_, index) => new Wallet(hashOf(`${seed}/site/${index}`)));
}

/** A round where every site contributed 10·(i+1) examples at ε = (i+1) + round/1000, signed by `signers`, producing `modelHash`. */
export async function signedRound(
  client: LedgerClient,
  runId: string,
  round: number,
  prevModelHash: Hash32,
  sites: Wallet[],
  signers: Wallet[] = sites,
  modelHash: Hash32 = hashOf(`model ${runId}/${round}`),
): Promise<CommitRoundRequest> {
  const contributions = sites.map((site, index) => ({
    address: site.address, examples: 10 * (index + 1), digest: hashOf(`${runId}/${round}/${index}`), epsilonMicros: 1_000_000 * (index + 1) + 1000 * round,
    consentRoot: hashOf(`consent ${runId}/${round}/${index}`),
  }));
  const fields = {
    runId,
    round,
    prevModelHash,
    modelHash,
    aggregateDigest: hashOf(`aggregate ${runId}/${round}`),
    contributionsRoot: buildContributionsTree(contributions).root,
    totalExamples: contributions.reduce((sum, leaf) => sum + leaf.examples, 0),
  };
  const domain = { chainId: client.chainId, ledger: client.ledgerAddress };
  const signatures = await Promise.all(signers.map((signer) => signRoundAttestation(signer, domain, fields)));
  return { ...fields, contributions, signatures };
}
