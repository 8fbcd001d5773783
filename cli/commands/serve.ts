// `medfl serve MODEL_DIR --port N`: answers POST /$predict (a patient's Bundle) with a RiskAssessment over HTTP, only
// for a model that verifies on chain; stops cleanly on SIGINT or SIGTERM.
import type { CommandModule } from 'yargs';
import { exitWithParent } from '../../common/exitWithParent.ts';
import { openBedsideModel } from '../../inference/openBedsideModel.ts';
import { DEFAULT_MAX_BODY_BYTES, HEALTH_PATH, PREDICT_PATH, serveRisk } from '../../inference/serveRisk.ts';
import { bedsideFlags, bedsideOptions, type BedsideArgs } from '../bedsideFlags.ts';
import { checkPort, checkPositiveInteger } from '../flags.ts';
import { action, type GlobalArgs } from '../output.ts';

interface ServeArgs extends BedsideArgs {
  host: string;
  port: number;
  maxBodyBytes: number;
}

function untilSignal(): Promise<string> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
}

export const serveCommand: CommandModule<GlobalArgs, ServeArgs> = {
  command: 'serve <modelDir>',
  describe: `Serve risk predictions over HTTP with a model that verifies on chain: POST ${PREDICT_PATH} a patient's FHIR Bundle, get a RiskAssessment; GET ${HEALTH_PATH}`,
  builder: (yargs) =>
    bedsideFlags(yargs, true)
      .option('host', { type: 'string', default: '127.0.0.1', describe: 'Address to listen on (loopback by default; put TLS and authentication in front before widening it)' })
      .option('port', { type: 'number', default: 8080, describe: 'Port to listen on (0 = any free port)' })
      .option('max-body-bytes', { type: 'number', default: DEFAULT_MAX_BODY_BYTES, describe: 'Largest request body accepted (413 beyond it)' }) as never,
  handler: action(async (args: ServeArgs) => {
    checkPort(args.port, '--port');
    checkPositiveInteger(args.maxBodyBytes, '--max-body-bytes');
    const options = bedsideOptions(args);
    const model = await openBedsideModel(options);
    const signal = untilSignal();
    exitWithParent();
    const server = await serveRisk(model, { host: args.host, port: args.port, maxBodyBytes: args.maxBodyBytes });
    const { reference } = model;
    const ready = { event: 'serving', url: server.url, modelHash: reference.modelHash, runId: reference.runId, round: reference.round, chainId: reference.chainId, ledger: reference.ledgerAddress };
    process.stdout.write(args.json ? `${JSON.stringify(ready)}\n` : `serving ${reference.modelHash} (run ${reference.runId} round ${reference.round}, verified on chain ${reference.chainId}) at ${server.url}${PREDICT_PATH}\n`);
    const received = await signal;
    await server.close();
    const stopped = { event: 'stopped', signal: received, answered: server.answered };
    return { json: stopped, text: `stopped on ${received}; answered ${JSON.stringify(server.answered)} (by HTTP status)` };
  }),
};
