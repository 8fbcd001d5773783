// `medfl demo` (npm run demo): the whole system on embedded defaults, from synthetic hospitals to a verified model.
import { join } from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { EXIT } from '../../common/errorCodes.ts';
import { REPO_ROOT } from '../../datasets/paths.ts';
import { DEFAULT_GENERATE, generateConsortium } from '../../datasets/synthetic/generateConsortium.ts';
import { action, type GlobalArgs } from '../output.ts';
import { roundTableHeader, roundTableLine } from '../roundTable.ts';
import { runReport } from './run.ts';

interface DemoArgs extends GlobalArgs {
  work?: string;
}

export const demoCommand: CommandModule<GlobalArgs, DemoArgs> = {
  command: 'demo',
  describe: 'Generate 4 synthetic hospitals, start a chain, provision, run 5 encrypted rounds and verify the model',
  builder: (yargs: Argv<GlobalArgs>) =>
    yargs.option('work', { type: 'string', describe: 'Working folder (default .medfl/demo-<time>)' }),
  handler: action(async (args: DemoArgs) => {
    const workDir = args.work ?? join('.medfl', `demo-${new Date().toISOString().replace(/[:.]/g, '-')}`);
    const say = (text: string) => void (args.json ? undefined : process.stdout.write(`${text}\n`));
    const dataDir = join(workDir, 'hospitals');
    const manifest = generateConsortium({ out: dataDir, ...DEFAULT_GENERATE });
    say(`1. generated ${manifest.hospitals.length} synthetic hospitals (FHIR R4 Bulk Data, seed ${DEFAULT_GENERATE.seed}) in ${dataDir}`);
    say('2. starting the embedded chain, provisioning kits (mTLS certificates, keys, sealed CKKS key), starting the coordinator and 4 hospital nodes');
    say(`3. federated rounds (CKKS-encrypted updates; every round committed on chain; metrics are means over the hospitals' test splits)\n${roundTableHeader()}`);
    const { runLocalConsortium } = await import('../../consortium/runLocalConsortium.ts');
    const result = await runLocalConsortium({
      planFile: join(REPO_ROOT, 'plans', 'demo.json'),
      data: dataDir,
      workDir,
      onRound: (summary) => say(roundTableLine(summary)),
    });
    const verified = result.verification.verified && result.runState === 'COMPLETED';
    const { verification, ...rest } = result;
    return {
      json: { ...rest, verified, verification },
      text: `4. verification of the final model against the chain\n${runReport(result)}\n\n${verified ? 'verified' : 'NOT verified'}`,
      exitCode: verified ? EXIT.OK : EXIT.MISMATCH,
    };
  }),
};
