// The provenance of a model as the ledger records it: its run and every round from the genesis model to it.
import type { Hash32 } from '../../common/canonicalJson.ts';
import type { RoundAttestation } from '../../common/wire/roundAttestation.ts';

export interface LineageContribution {
  readonly site: string;
  readonly examples: number;
  readonly digest: Hash32;
}

/** A committed round: the fields its sites attested (its run is the lineage's), plus where and by whom. */
export interface LineageRound extends Omit<RoundAttestation, 'runId'> {
  readonly blockNumber: number;
  /** Block time, ISO 8601 UTC. */
  readonly committedAt: string;
  readonly txHash: string;
  readonly attesters: string[];
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
  /** Round 1 first; the last entry is the round that produced the model asked about. */
  readonly rounds: LineageRound[];
  /** Inconsistencies found while walking (a broken link, contributions that do not hash to the root); empty when sound. */
  readonly problems: string[];
}
