// Binary-classification metrics on plain arrays (no tfjs), so every site computes them the same way.
// Clinical outcomes are rare (a few % positive), so the ranking metrics (AUROC, AUPRC) and the positive rate lead;
// accuracy at 0.5 alone would praise a model that never predicts the outcome.

export interface BinaryMetrics {
  /** Mean binary cross-entropy (probabilities clipped to [1e-7, 1 − 1e-7]). */
  readonly loss: number;
  /** Share of examples with (p > 0.5) equal to the label, as FLamby counts it. */
  readonly accuracy: number;
  /** Area under the ROC curve; null when the labels hold only one class (AUROC is undefined then). */
  readonly auroc: number | null;
  /** Average precision (area under the precision–recall curve); null when the labels hold only one class. */
  readonly auprc: number | null;
  /** Brier score: mean squared difference between probability and label (calibration). */
  readonly brier: number;
  /** Share of positive labels: the AUPRC of a model that ranks at random, and accuracy's trap when it is small. */
  readonly positiveRate: number;
  readonly examples: number;
}

const EPSILON = 1e-7;

const isPositive = (label: number | undefined): boolean => (label ?? 0) > 0.5;

/** Indices of `scores` sorted by score (ascending, or descending), grouped into runs of equal scores. */
function tiedGroups(scores: ArrayLike<number>, descending: boolean): number[][] {
  const sign = descending ? -1 : 1;
  const order = Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => sign * ((scores[a] ?? 0) - (scores[b] ?? 0)));
  const groups: number[][] = [];
  for (const index of order) {
    const last = groups.at(-1);
    if (last && scores[last[0] ?? 0] === scores[index]) last.push(index);
    else groups.push([index]);
  }
  return groups;
}

/**
 * AUROC as the Mann–Whitney U statistic over ranks, ties sharing their mean rank: the probability that a random
 * positive scores above a random negative, counting ties as one half.
 */
export function auroc(scores: ArrayLike<number>, labels: ArrayLike<number>): number | null {
  let seen = 0;
  let positives = 0;
  let positiveRankSum = 0;
  for (const group of tiedGroups(scores, false)) {
    const meanRank = seen + (group.length + 1) / 2;
    for (const index of group) {
      if (isPositive(labels[index])) {
        positives += 1;
        positiveRankSum += meanRank;
      }
    }
    seen += group.length;
  }
  const negatives = scores.length - positives;
  if (positives === 0 || negatives === 0) return null;
  return (positiveRankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/**
 * Average precision, Σ (Rₖ − Rₖ₋₁)·Pₖ over the distinct score thresholds from the highest down (scikit-learn's
 * `average_precision_score`: tied scores form one threshold, no interpolation). A constant score gives the positive
 * rate, a perfect ranking 1. Null with one class: without negatives every ranking scores 1 and says nothing.
 */
export function averagePrecision(scores: ArrayLike<number>, labels: ArrayLike<number>): number | null {
  let positives = 0;
  for (let i = 0; i < labels.length; i += 1) if (isPositive(labels[i])) positives += 1;
  if (positives === 0 || positives === labels.length) return null;
  let seen = 0;
  let truePositives = 0;
  let sum = 0;
  for (const group of tiedGroups(scores, true)) {
    const found = group.filter((index) => isPositive(labels[index])).length;
    seen += group.length;
    truePositives += found;
    sum += (found / positives) * (truePositives / seen);
  }
  return sum;
}

/** Loss, accuracy, AUROC, AUPRC, Brier score and positive rate of predicted probabilities against 0/1 labels. */
export function binaryMetrics(probabilities: ArrayLike<number>, labels: ArrayLike<number>): BinaryMetrics {
  const examples = labels.length;
  let loss = 0;
  let correct = 0;
  let brier = 0;
  let positives = 0;
  for (let i = 0; i < examples; i += 1) {
    const y = labels[i] ?? 0;
    const p = probabilities[i] ?? 0;
    const clipped = Math.min(Math.max(p, EPSILON), 1 - EPSILON);
    loss -= y * Math.log(clipped) + (1 - y) * Math.log(1 - clipped);
    if ((p > 0.5 ? 1 : 0) === y) correct += 1;
    brier += (p - y) ** 2;
    if (isPositive(y)) positives += 1;
  }
  const mean = (sum: number) => (examples === 0 ? Number.NaN : sum / examples);
  return {
    loss: mean(loss),
    accuracy: mean(correct),
    auroc: auroc(probabilities, labels),
    auprc: averagePrecision(probabilities, labels),
    brier: mean(brier),
    positiveRate: mean(positives),
    examples,
  };
}
