// Binary-classification metrics on plain arrays (no tfjs), so every site computes them the same way.

export interface BinaryMetrics {
  /** Mean binary cross-entropy (probabilities clipped to [1e-7, 1 − 1e-7]). */
  readonly loss: number;
  /** Share of examples with (p > 0.5) equal to the label, as FLamby counts it. */
  readonly accuracy: number;
  /** Area under the ROC curve; null when the labels hold only one class (AUROC is undefined then). */
  readonly auroc: number | null;
  /** Brier score: mean squared difference between probability and label (calibration). */
  readonly brier: number;
  readonly examples: number;
}

const EPSILON = 1e-7;

/**
 * AUROC as the Mann–Whitney U statistic over ranks, ties sharing their mean rank: the probability that a random
 * positive scores above a random negative, counting ties as one half.
 */
export function auroc(scores: ArrayLike<number>, labels: ArrayLike<number>): number | null {
  const n = scores.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => (scores[a] ?? 0) - (scores[b] ?? 0));
  let positives = 0;
  let positiveRankSum = 0;
  for (let start = 0; start < n; ) {
    let end = start;
    while (end + 1 < n && scores[order[end + 1] ?? 0] === scores[order[start] ?? 0]) end += 1;
    const meanRank = (start + end) / 2 + 1;
    for (let k = start; k <= end; k += 1) {
      if ((labels[order[k] ?? 0] ?? 0) > 0.5) {
        positives += 1;
        positiveRankSum += meanRank;
      }
    }
    start = end + 1;
  }
  const negatives = n - positives;
  if (positives === 0 || negatives === 0) return null;
  return (positiveRankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/** Loss, accuracy, AUROC and Brier score of predicted probabilities against 0/1 labels. */
export function binaryMetrics(probabilities: ArrayLike<number>, labels: ArrayLike<number>): BinaryMetrics {
  const examples = labels.length;
  let loss = 0;
  let correct = 0;
  let brier = 0;
  for (let i = 0; i < examples; i += 1) {
    const y = labels[i] ?? 0;
    const p = probabilities[i] ?? 0;
    const clipped = Math.min(Math.max(p, EPSILON), 1 - EPSILON);
    loss -= y * Math.log(clipped) + (1 - y) * Math.log(1 - clipped);
    if ((p > 0.5 ? 1 : 0) === y) correct += 1;
    brier += (p - y) ** 2;
  }
  const mean = (sum: number) => (examples === 0 ? Number.NaN : sum / examples);
  return { loss: mean(loss), accuracy: mean(correct), auroc: auroc(probabilities, labels), brier: mean(brier), examples };
}
