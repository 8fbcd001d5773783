// Builds a verified model's card from its lineage, the run's plan and the sites' own metrics. Pure: no chain, no files.
import type { Consortium } from '../../common/kit/Consortium.ts';
import type { Plan } from '../../common/plan/planSchema.ts';
import { decryptionThreshold, runCodecParameters } from '../../common/wire/runCodecParameters.ts';
import type { Lineage } from '../../contracts/lineage/Lineage.ts';
import type { ModelVerification } from '../../contracts/lineage/verifyModel.ts';
import type { SiteMetricsLine } from '../everySiteMetrics.ts';
import { MODEL_CARD_FORMAT, type CardMetrics, type CardParty, type CardPrivacy, type CardSite, type CardTask, type ModelCard } from './ModelCard.ts';

export interface ModelCardSources {
  readonly verification: ModelVerification;
  /** The plan the run is of; verifyModel has checked its hash against the run's. */
  readonly plan?: Plan;
  /** Names each account by its consortium id; verifyModel has checked the run's parties against it. */
  readonly consortium?: Consortium;
  /** Lines of the sites' metrics.jsonl; only those of this model are kept. */
  readonly metricsLines?: readonly SiteMetricsLine[];
}

/** Looks an account up among the consortium's parties, ignoring the case of its hex digits. */
function partyNamer(consortium: Consortium | undefined): (address: string) => CardParty {
  const parties = consortium ? [consortium.coordinator, ...consortium.sites] : [];
  const ids = new Map(parties.map((party) => [party.address.toLowerCase(), party.id]));
  return (address) => {
    const id = ids.get(address.toLowerCase());
    return id === undefined ? { address } : { address, id };
  };
}

/** Every registered site with its examples per round and its latest cumulative ε, in registration order. */
function cardSites(lineage: Lineage, name: (address: string) => CardParty): CardSite[] {
  return lineage.sites.map((address) => {
    const rounds: { round: number; examples: number }[] = [];
    let epsilonMicros = 0;
    for (const round of lineage.rounds) {
      const contribution = round.contributions.find((c) => c.site.toLowerCase() === address.toLowerCase());
      if (!contribution) continue;
      rounds.push({ round: round.round, examples: contribution.examples });
      epsilonMicros = contribution.epsilonMicros;
    }
    return { ...name(address), rounds, epsilon: epsilonMicros / 1e6 };
  });
}

function cardTask(plan: Plan): CardTask {
  const { sites, minUpdates, quorum } = plan.consortium;
  return {
    planName: plan.name,
    ...(plan.description === undefined ? {} : { description: plan.description }),
    dataset: plan.dataset, features: plan.features, model: plan.model, training: plan.training, strategy: plan.strategy,
    rounds: plan.rounds, consortium: { sites, minUpdates, quorum },
  };
}

function cardPrivacy(plan: Plan): CardPrivacy {
  const { encryption, clipNorm, dpSgd } = plan.privacy;
  return { encryption, clipNorm, ...(dpSgd ? { dpSgd } : {}), ...(encryption === 'ckks' ? { decryptionThreshold: decryptionThreshold(plan.consortium) } : {}) };
}

/** The site's newest line for this very model: a site that re-adopted a round (a restart) wrote it twice. */
function modelMetrics(lines: readonly SiteMetricsLine[], modelHash: string): CardMetrics[] {
  const newest = new Map<string, SiteMetricsLine>();
  for (const line of lines) if (line.modelHash.toLowerCase() === modelHash.toLowerCase()) newest.set(line.site, line);
  return [...newest.values()].map(({ site, round, loss, accuracy, auroc, auprc, brier, positiveRate, examples }) => ({
    site, round, loss, accuracy, auroc, auprc, brier, positiveRate, examples,
  }));
}

function intendedUse(plan: Plan | undefined, lineage: Lineage): string {
  const described = plan?.description?.trim().replace(/\.$/, '');
  const task = plan ? (described || `the task of plan ${plan.name}`) : `the task of plan ${lineage.planHash} (pass --plan to name it)`;
  return `Research use by the consortium that trained it: ${task}. Trained by federated learning over ${lineage.sites.length} sites in run ${lineage.runId}.`;
}

const LIMITATIONS = [
  "Not a medical device and not validated for clinical decisions; validate it on a site's own patients before any use.",
  "The metrics are each site's own test split as the site recorded them; they are not on the chain and were not recomputed here.",
  'The example counts and ε are what each site declared in its contribution record on the chain.',
];

export function buildModelCard(sources: ModelCardSources): ModelCard {
  const { verification, plan, consortium } = sources;
  const { lineage } = verification;
  const name = partyNamer(consortium);
  return {
    format: MODEL_CARD_FORMAT,
    modelHash: verification.modelHash,
    intendedUse: intendedUse(plan, lineage),
    limitations: LIMITATIONS,
    task: plan ? cardTask(plan) : null,
    run: {
      runId: lineage.runId, chainId: lineage.chainId, ledger: lineage.ledger, planHash: lineage.planHash,
      genesisModelHash: lineage.genesisModelHash, coordinator: name(lineage.coordinator), quorum: lineage.quorum,
    },
    sites: cardSites(lineage, name),
    metrics: modelMetrics(sources.metricsLines ?? [], verification.modelHash),
    privacy: plan ? cardPrivacy(plan) : null,
    he: plan ? runCodecParameters(plan) : null,
    rounds: lineage.rounds.map((round) => ({
      round: round.round, modelHash: round.modelHash, prevModelHash: round.prevModelHash, totalExamples: round.totalExamples,
      blockNumber: round.blockNumber, committedAt: round.committedAt, txHash: round.txHash, signers: round.signers.map(name),
    })),
    checks: verification.checks,
  };
}
