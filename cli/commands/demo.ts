// `medfl demo` (npm run demo): for now the part of medfl that exists, short UCI baselines; the federated demo follows.
import type { CommandModule } from 'yargs';
import { baselineReport, type BaselineRequest } from '../../experiments/baseline/baselineReport.ts';
import { action, type GlobalArgs } from '../output.ts';
import { formatBaselineReport } from './baseline.ts';

const NOT_YET =
  'The federated demo (chain, coordinator, encrypted rounds, verification) is not built yet; this demo runs what exists: short centralised baselines on the real UCI Heart Disease centres.';

export const demoCommand: CommandModule<GlobalArgs, GlobalArgs> = {
  command: 'demo',
  describe: 'Run the demo on embedded defaults (for now: short UCI Heart Disease baselines)',
  handler: action(async () => {
    process.stderr.write(`${NOT_YET}\n`);
    const common: Omit<BaselineRequest, 'mode'> = {
      dataset: 'uci-heart',
      seeds: [42, 43],
      model: { kind: 'logistic' },
      training: { optimizer: 'adam', learningRate: 1e-3, batchSize: 4, localEpochs: 10 },
      backend: 'wasm',
    };
    const pooled = await baselineReport({ ...common, mode: 'pooled' });
    const local = await baselineReport({ ...common, mode: 'local' });
    return {
      json: { federatedDemo: 'not built yet', pooled, local },
      text: `${NOT_YET}\n\n== pooled ==\n${formatBaselineReport(pooled)}\n\n== local ==\n${formatBaselineReport(local)}\n\nFor the full FLamby setting run: npx medfl baseline --dataset uci-heart --mode pooled`,
    };
  }),
};
