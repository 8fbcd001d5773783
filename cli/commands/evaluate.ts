// `medfl evaluate MODEL_DIR --plan FILE --data SPEC`: a model's test metrics on every site of a plan, and their mean.
import type { Argv, CommandModule } from 'yargs';
import { loadPlan } from '../../common/plan/loadPlan.ts';
import { finalMetricsReport } from '../finalMetricsReport.ts';
import { action, type GlobalArgs } from '../output.ts';

interface EvaluateArgs extends GlobalArgs {
  model: string;
  plan: string;
  data: string;
}

export const evaluateCommand: CommandModule<GlobalArgs, EvaluateArgs> = {
  command: 'evaluate <model>',
  describe: "Score a model on every site's test split of a plan's data, read as the plan's nodes read it",
  builder: (yargs: Argv<GlobalArgs>) =>
    yargs
      .positional('model', { type: 'string', demandOption: true, describe: 'The model directory (model.json + weights.bin)' })
      .option('plan', { type: 'string', demandOption: true, describe: 'The plan the model was trained under' })
      .option('data', { type: 'string', demandOption: true, describe: 'uci-heart, a generated consortium, or a folder with one sub-folder per site' }) as Argv<EvaluateArgs>,
  handler: action(async (args: EvaluateArgs) => {
    const plan = loadPlan(args.plan);
    // Loaded on use, so other commands start without TensorFlow.js.
    const { evaluatePlanModel } = await import('../../consortium/evaluatePlanModel.ts');
    const evaluation = await evaluatePlanModel(args.model, plan, args.data);
    return { json: { model: args.model, plan: plan.name, data: args.data, ...evaluation }, text: finalMetricsReport(evaluation, `model ${args.model}`) };
  }),
};
