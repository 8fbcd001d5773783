// The provenance of a model as the ledger records it: its run and every round from the genesis model to it.
import type { Hash32 } from '../../common/canonicalJson.ts';
import type { RoundAttestation } from '../../common/wire/roundAttestation.ts';

export interface LineageContribution {
  readonly site: string;
  readonly examples: number;
  readonly digest: Hash32;
  /** The site's cumulative ε after the round in millionths, from its ContributionRecorded event (0 without DP-SGD). */
  readonly epsilonMicros: number;
  /** The site's consent root for the round, from the same event (common/consent/consentTree.ts). */
  readonly consentRoot: Hash32;
}

/** A committed round: the fields its sites attested (its run is the lineage's), plus where and by whom. */
export interface LineageRound extends Omit<RoundAttestation, 'runId'> {
  readonly blockNumber: number;
  /** Block time, ISO 8601 UTC. */
  readonly committedAt: string;
  readonly txHash: string;
  readonly attesters: string[];
  /** Who signed the attestation, recovered here from the commit transaction's signatures (not from the events). */
  readonly signers: string[];
  readonly contributions: LineageContribution[];
}

export interface Lineage {
  readonly ledger: string;
  readonly chainId: number;
  readonly runId: string;
  readonly planHash: Hash32;
  readonly genesisModelHash: Hash32;
  readonly coordinator: string;
  readonly quorum: number;
  /** The run's sites in registration order (its RunCreated event). */
  readonly sites: string[];
  /** keccak256(abi.encode(sites)) as the ledger stores it for the run (contracts/runSitesHash.ts). */
  readonly sitesHash: Hash32;
  /** Round 1 first; the last entry is the round that produced the model asked about. */
  readonly rounds: LineageRound[];
  /** Inconsistencies found while walking (a broken link, contributions that do not hash to the root); empty when sound. */
  readonly problems: string[];
}
