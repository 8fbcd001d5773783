// `medfl run --plan FILE`: a whole consortium on this machine (chain, coordinator, one node per site), live table.
import { join } from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { MedflError } from '../../common/MedflError.ts';
import { EXIT } from '../../common/errorCodes.ts';
import { loadPlan } from '../../common/plan/loadPlan.ts';
import { runPrivacyBudget } from '../../common/privacy/privacyBudget.ts';
import type { LocalRunResult } from '../../consortium/runLocalConsortium.ts';
import { checkAddress, checkPort, checkPrivateKey, checkRpcUrl } from '../flags.ts';
import { finalMetricsReport } from '../finalMetricsReport.ts';
import { action, type GlobalArgs } from '../output.ts';
import { roundTableHeader, roundTableLine } from '../roundTable.ts';
import { plural } from '../../common/plural.ts';

interface RunArgs extends GlobalArgs {
  plan: string;
  data?: string;
  work?: string;
  rpc?: string;
  ledger?: string;
  adminKey?: string;
  privacyBudget?: number;
  ui?: number;
}

function defaultData(planFile: string): string {
  const plan = loadPlan(planFile);
  if (plan.dataset.kind === 'uci-heart') return 'uci-heart';
  throw new MedflError('USAGE', `plan ${plan.name} reads FHIR data: pass --data with a folder holding one sub-folder per site (e.g. from medfl generate)`);
}

function chainOption(args: RunArgs): { rpcUrl: string; ledgerAddress: string; adminKey: string } | undefined {
  if (!args.rpc) return undefined;
  if (!args.ledger || !args.adminKey) throw new MedflError('USAGE', '--rpc needs --ledger and --admin-key (a key holding the ledger admin role)');
  return { rpcUrl: checkRpcUrl(args.rpc, '--rpc'), ledgerAddress: checkAddress(args.ledger, '--ledger'), adminKey: checkPrivateKey(args.adminKey, '--admin-key') };
}

export function runReport(result: LocalRunResult): string {
  const last = result.rounds.at(-1);
  const lineage = result.verification.lineage;
  return [
    `run ${result.runId} ${result.runState}: ${plural(result.rounds.length, 'round')} committed on ledger ${result.ledgerAddress} (${result.rpcUrl})`,
    '',
    finalMetricsReport(result.evaluation, `final model (after round ${last?.round ?? 0})`),
    '',
    `final model ${result.finalModelDir}  modelHash ${result.finalModelHash}`,
    `verify: ${result.verification.verified ? 'verified' : 'NOT verified'}: round ${lineage.rounds.at(-1)?.round ?? '?'} of run ${lineage.runId}, lineage of ${plural(lineage.rounds.length, 'round')} back to genesis ${lineage.genesisModelHash}`,
    ...(result.verification.manifest
      ? [`contributions: ${result.verification.manifest.leaves.filter((leaf) => leaf.proofValid).length}/${result.verification.manifest.leaves.length} Merkle proofs in ${result.verification.manifest.file} lead to round ${result.verification.manifest.round}'s committed root`]
      : []),
    ...result.verification.problems.map((problem) => `  - ${problem}`),
    `logs and kits: ${result.workDir}; restart this chain with: npx medfl chain start --state ${join(result.workDir, 'chain', 'state.json')}`,
  ].join('\n');
}

export const runCommand: CommandModule<GlobalArgs, RunArgs> = {
  command: 'run',
  describe: 'Run a plan on this machine: embedded chain, coordinator and one node per site as separate processes',
  builder: (yargs: Argv<GlobalArgs>) =>
    yargs
      .option('plan', { type: 'string', demandOption: true, describe: 'The plan file' })
      .option('data', { type: 'string', describe: 'Data for every site: uci-heart, or a folder with one sub-folder per site (default from the plan)' })
      .option('work', { type: 'string', describe: 'Working folder for kits, stores, logs and the final model (default .medfl/runs/<plan>-<time>)' })
      .option('rpc', { type: 'string', describe: 'Use this chain instead of starting one' })
      .option('ledger', { type: 'string', describe: 'RoundLedger address on --rpc' })
      .option('admin-key', { type: 'string', describe: 'Key with the ledger admin role on --rpc (grants the coordinator its role)' })
      .option('ui', { type: 'number', describe: 'Serve the coordinator\'s read-only live run page on this HTTP port of 127.0.0.1 (0 = any free port)' })
      .option('privacy-budget', { type: 'number', describe: "Every site's ε budget for a DP-SGD plan, at the plan's δ (default: the plan's targetEpsilon)" }),
  handler: action(async (args: RunArgs) => {
    const plan = loadPlan(args.plan);
    const workDir = args.work ?? join('.medfl', 'runs', `${plan.name}-${new Date().toISOString().replace(/[:.]/g, '-')}`);
    const chain = chainOption(args);
    // Before the table header, so a DP-SGD plan without a budget is one error line.
    runPrivacyBudget(plan, args.privacyBudget);
    if (args.ui !== undefined) checkPort(args.ui, '--ui');
    // Loaded on use, so other commands start without TensorFlow.js and SEAL.
    const { runLocalConsortium } = await import('../../consortium/runLocalConsortium.ts');
    const result = await runLocalConsortium({
      planFile: args.plan,
      data: args.data ?? defaultData(args.plan),
      workDir,
      ...(chain ? { chain } : {}),
      ...(args.privacyBudget !== undefined ? { privacyBudget: args.privacyBudget } : {}),
      ...(args.ui !== undefined ? { ui: args.ui } : {}),
      // On stderr: with --json stdout stays one JSON document; a terminal shows it either way.
      onUi: (url) => process.stderr.write(`live run page: ${url}\n`),
      // After the data and --ui port are checked, so a mistake there is one error line with no table header above it.
      onStart: () => {
        if (!args.json) process.stdout.write(`running ${plan.name}: ${plural(plan.rounds, 'round')}, ${plural(plan.consortium.sites.length, 'site')}, ${plan.privacy.encryption} updates (work folder ${workDir}); each round's metrics are means over the sites' test splits\n${roundTableHeader()}\n`);
      },
      onRound: (summary) => {
        if (!args.json) process.stdout.write(`${roundTableLine(summary)}\n`);
      },
    });
    const { verification, ...rest } = result;
    return {
      json: { ...rest, verified: verification.verified, verification },
      text: `\n${runReport(result)}`,
      exitCode: verification.verified && result.runState === 'COMPLETED' ? EXIT.OK : EXIT.MISMATCH,
    };
  }),
};
