// `medfl plan validate|hash|approve FILE`: checks a training plan, prints the planHash, and lets a site operator approve it.
import type { Argv, CommandModule } from 'yargs';
import { loadKit } from '../../common/kit/loadKit.ts';
import { approvePlan } from '../../common/kit/planApproval.ts';
import { exampleCap } from '../../common/plan/exampleCap.ts';
import { loadPlan } from '../../common/plan/loadPlan.ts';
import { planHash } from '../../common/plan/planHash.ts';
import type { Plan } from '../../common/plan/planSchema.ts';
import { privacyBudget } from '../../common/privacy/privacyBudget.ts';
import { MedflError } from '../../common/MedflError.ts';
import { action, type GlobalArgs } from '../output.ts';
import { plural } from '../../common/plural.ts';

interface PlanFileArgs extends GlobalArgs {
  file: string;
}

const fileArgument = (yargs: Argv<GlobalArgs>) =>
  yargs.positional('file', { type: 'string', demandOption: true, describe: 'The plan JSON file' }) as Argv<PlanFileArgs>;

function describeDpSgd(dp: Plan['privacy']['dpSgd']): string {
  if (!dp) return 'no differential privacy';
  const noise = dp.noiseMultiplier === undefined ? `noise calibrated per site to ε ${dp.targetEpsilon}` : `noise multiplier ${dp.noiseMultiplier}`;
  return `DP-SGD (per-example clip ${dp.maxGradNorm}, ${noise}, δ ${dp.delta})`;
}

function describePlan(plan: Plan): string {
  const model = plan.model.kind === 'mlp' ? `mlp [${plan.model.hidden.join(', ')}]` : 'logistic regression';
  const { strategy: spec } = plan;
  const strategy = spec.name === 'fedprox' ? `fedprox (mu ${spec.mu})` : spec.name === 'scaffold' ? `scaffold (server lr ${spec.serverLearningRate ?? 1})` : spec.name;
  const server = spec.name !== 'scaffold' && spec.serverOptimizer ? ` + ${spec.serverOptimizer.name}` : '';
  return [
    `model:      ${model} over ${plan.features.length} features`,
    `dataset:    ${plan.dataset.kind}`,
    `training:   ${plan.training.optimizer} lr ${plan.training.learningRate}, batch ${plan.training.batchSize}, ${plan.training.localSteps !== undefined ? `${plan.training.localSteps} local step(s)` : `${plan.training.localEpochs} local epoch(s)`}`,
    `strategy:   ${strategy}${server}, ${plural(plan.rounds, 'round')}`,
    `privacy:    ${plan.privacy.encryption}, clip ${plan.privacy.clipNorm}, ${describeDpSgd(plan.privacy.dpSgd)}`,
    `consortium: ${plan.consortium.sites.join(', ')} (minUpdates ${plan.consortium.minUpdates}, quorum ${plan.consortium.quorum}, at most ${exampleCap(plan)} examples per site)`,
  ].join('\n');
}

const validateCommand: CommandModule<GlobalArgs, PlanFileArgs> = {
  command: 'validate <file>',
  describe: 'Check a plan against the plan format; lists every problem with its JSON path',
  builder: fileArgument,
  handler: action(async (args: PlanFileArgs) => {
    const plan = loadPlan(args.file);
    const hash = planHash(plan);
    return { json: { file: args.file, valid: true, planHash: hash, plan }, text: `${args.file}: valid plan ${plan.name}\n${describePlan(plan)}\nplanHash:   ${hash}` };
  }),
};

const hashCommand: CommandModule<GlobalArgs, PlanFileArgs> = {
  command: 'hash <file>',
  describe: 'Print the planHash (sha256 of the canonical JSON of the validated plan)',
  builder: fileArgument,
  handler: action(async (args: PlanFileArgs) => {
    const hash = planHash(loadPlan(args.file));
    return { json: { file: args.file, planHash: hash }, text: `${hash}  ${args.file}` };
  }),
};

interface ApproveArgs extends PlanFileArgs {
  kit: string;
  epsilon?: number;
  delta?: number;
}

const approveCommand: CommandModule<GlobalArgs, ApproveArgs> = {
  command: 'approve <file>',
  describe: "Approve a plan for this site's node (it refuses every plan whose planHash is not approved)",
  builder: (yargs: Argv<GlobalArgs>) =>
    fileArgument(yargs)
      .option('kit', { type: 'string', demandOption: true, describe: "This site's kit directory" })
      .option('epsilon', { type: 'number', describe: "This site's privacy budget for a DP-SGD plan: the most ε its node may spend on the site's data" })
      .option('delta', { type: 'number', describe: "The δ the --epsilon budget holds at (default: the plan's)" }) as Argv<ApproveArgs>,
  handler: action(async (args: ApproveArgs) => {
    const plan = loadPlan(args.file);
    const kit = loadKit(args.kit);
    if (kit.role !== 'site') throw new MedflError('KIT_INVALID', `${args.kit} is the coordinator's kit; plans are approved by each site's operator`);
    if (!plan.consortium.sites.includes(kit.id)) {
      throw new MedflError('PLAN_MISMATCH', `plan ${plan.name} does not name site ${kit.id} (it names ${plan.consortium.sites.join(', ')})`);
    }
    if (!plan.privacy.dpSgd && (args.epsilon !== undefined || args.delta !== undefined)) {
      throw new MedflError('USAGE', `plan ${plan.name} does not train with DP-SGD: --epsilon and --delta apply to DP-SGD plans only`);
    }
    const given = { ...(args.epsilon !== undefined ? { epsilon: args.epsilon } : {}), ...(args.delta !== undefined ? { delta: args.delta } : {}) };
    const budget = privacyBudget(plan, given, '--epsilon E');
    const approval = approvePlan(args.kit, { planHash: planHash(plan), name: plan.name, ...(budget ? { privacyBudget: budget } : {}) });
    const budgetLine = budget ? `\nbudget:     ε ${budget.epsilon} at δ ${budget.delta}` : '';
    return { json: { site: kit.id, ...approval }, text: `site ${kit.id} approved plan ${plan.name}
${describePlan(plan)}
planHash:   ${approval.planHash}${budgetLine}` };
  }),
};

export const planCommand: CommandModule<GlobalArgs, GlobalArgs> = {
  command: 'plan <command>',
  describe: 'Validate training plans, compute their planHash, approve one for a site',
  builder: (yargs: Argv<GlobalArgs>) => yargs.command(validateCommand).command(hashCommand).command(approveCommand).demandCommand(1),
  handler: () => undefined,
};
