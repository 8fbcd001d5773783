// The model card of a verified model (`medfl card`): what a hospital's reviewers read before they use a model, each
// fact taken from the ledger's lineage, the run's plan or the sites' own metrics, and saying which.
import type { Hash32 } from '../../common/canonicalJson.ts';
import type { BinaryMetrics } from '../../common/metrics.ts';
import type { Plan } from '../../common/plan/planSchema.ts';
import type { RunCodecParameters } from '../../common/wire/runCodecParameters.ts';
import type { LineageCheck } from '../../contracts/lineage/lineageChecks.ts';

export const MODEL_CARD_FORMAT = 'medfl-model-card/1';

/** A party of the run as the chain knows it (an Ethereum account), with its consortium id when --consortium named it. */
export interface CardParty {
  readonly address: string;
  readonly id?: string;
}

/** One site's training data as its contribution records on the chain give it. */
export interface CardSite extends CardParty {
  /** Examples the site weighted its update by, in each round it contributed to. */
  readonly rounds: readonly { readonly round: number; readonly examples: number }[];
  /** The site's cumulative DP-SGD ε after its last contribution (0 without DP-SGD), from that round's record. */
  readonly epsilon: number;
}

/** A site's test metrics of exactly this model, as the site recorded them in its metrics.jsonl (not on chain). */
export interface CardMetrics extends BinaryMetrics {
  readonly site: string;
  readonly round: number;
}

/** What the plan the run is of says: the task, the model, how it was trained. */
export interface CardTask {
  readonly planName: string;
  readonly description?: string;
  readonly dataset: Plan['dataset'];
  readonly features: readonly string[];
  readonly model: Plan['model'];
  readonly training: Plan['training'];
  readonly strategy: Plan['strategy'];
  readonly rounds: number;
  readonly consortium: Pick<Plan['consortium'], 'sites' | 'minUpdates' | 'quorum'>;
}

export interface CardPrivacy {
  readonly encryption: Plan['privacy']['encryption'];
  readonly clipNorm: number;
  readonly dpSgd?: Plan['privacy']['dpSgd'];
  /** How many sites must decrypt an aggregate together (threshold CKKS only). */
  readonly decryptionThreshold?: number;
}

/** A committed round: where the chain records it and who signed it. */
export interface CardRound {
  readonly round: number;
  readonly modelHash: Hash32;
  readonly prevModelHash: Hash32;
  readonly totalExamples: number;
  readonly blockNumber: number;
  readonly committedAt: string;
  readonly txHash: string;
  /** The accounts whose EIP-712 signatures the commit transaction carries, recovered from it. */
  readonly signers: readonly CardParty[];
}

export interface ModelCard {
  readonly format: typeof MODEL_CARD_FORMAT;
  readonly modelHash: Hash32;
  readonly intendedUse: string;
  readonly limitations: readonly string[];
  /** Null without --plan: the chain holds only the plan's hash. */
  readonly task: CardTask | null;
  readonly run: {
    readonly runId: string;
    readonly chainId: number;
    readonly ledger: string;
    readonly planHash: Hash32;
    readonly genesisModelHash: Hash32;
    readonly coordinator: CardParty;
    readonly quorum: number;
  };
  readonly sites: readonly CardSite[];
  readonly metrics: readonly CardMetrics[];
  readonly privacy: CardPrivacy | null;
  readonly he: RunCodecParameters | null;
  readonly rounds: readonly CardRound[];
  /** The checks `medfl verify` ran, all passed or not checked (a card is written for a verified model only). */
  readonly checks: readonly LineageCheck[];
}
