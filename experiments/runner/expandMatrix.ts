// The experiment's cells in a stable order: for each base plan, each strategy arm × its seeds × its codecs, then each
// baseline mode × the seeds. The order is the order of the file, so a resumed experiment runs what is left in turn.
import type { BaselineMode, BaselineTraining, Codec, Experiment, StrategyArm } from './experimentSchema.ts';

export interface FederatedCell {
  readonly kind: 'federated';
  readonly planIndex: number;
  readonly arm: StrategyArm;
  readonly seed: number;
  readonly codec: Codec;
  /** A file-name-safe id, unique within the experiment. */
  readonly id: string;
}

export interface BaselineCell {
  readonly kind: 'baseline';
  readonly planIndex: number;
  readonly mode: BaselineMode;
  readonly training: BaselineTraining;
  readonly seed: number;
  readonly id: string;
}

export type Cell = FederatedCell | BaselineCell;

const slug = (text: string): string => text.toLowerCase().replace(/[^a-z0-9.-]+/g, '-');

/** `planNames[i]` names base plan i in cell ids (several plans may share an arm name). */
export function expandMatrix(experiment: Experiment, planNames: readonly string[]): Cell[] {
  const cells: Cell[] = [];
  planNames.forEach((planName, planIndex) => {
    const prefix = planNames.length > 1 ? `${slug(planName)}-` : '';
    for (const arm of experiment.strategies) {
      for (const seed of arm.seeds ?? experiment.seeds) {
        for (const codec of arm.codecs ?? experiment.codecs) {
          cells.push({ kind: 'federated', planIndex, arm, seed, codec, id: `${prefix}${slug(arm.name)}-${codec}-s${seed}` });
        }
      }
    }
    for (const mode of ['local', 'pooled'] as const) {
      const baseline = experiment.baselines?.[mode];
      if (!baseline) continue;
      for (const seed of experiment.seeds) cells.push({ kind: 'baseline', planIndex, mode, training: baseline.training, seed, id: `${prefix}baseline-${mode}-s${seed}` });
    }
  });
  return cells;
}
