// The data a baseline trains and tests on: a plan's sites read as its nodes read them, or, without a plan, the data
// set's own default reading; plus FLamby's pooled training set where the data set defines one (UCI).
import type { Plan } from '../../common/plan/planSchema.ts';
import { loadPlanData } from '../../datasets/loadPlanData.ts';
import { resolveDataset, resolvePooledTrain } from '../../datasets/resolveDataset.ts';
import type { SiteSplit, TabularDataset } from '../../datasets/tabular.ts';
import { UCI_CENTRES } from '../../datasets/uci/uciHeartLayout.ts';
import type { BaselineMode } from './runBaseline.ts';

export interface BaselineData {
  readonly splits: SiteSplit[];
  readonly pooledTrain?: TabularDataset;
}

export async function baselineData(dataset: string, mode: BaselineMode, plan?: Plan): Promise<BaselineData> {
  const splits = plan ? await loadPlanData(plan, dataset) : await resolveDataset(dataset);
  // FLamby's pooled set holds every centre: a plan naming fewer pools its own sites' training sets instead.
  const everySite = !plan || plan.consortium.sites.length === UCI_CENTRES.length;
  const pooledTrain = mode === 'pooled' && everySite ? await resolvePooledTrain(dataset) : undefined;
  return pooledTrain ? { splits, pooledTrain } : { splits };
}
