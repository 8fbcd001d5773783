// The server side of `npm run bench -- serve`, in its own process (one JS thread: one core): opens a bedside model from
// the folder the bench prepared, serves it on loopback, prints its URL, and on SIGTERM prints the CPU time it used.
import { openBedsideModel } from '../../../inference/openBedsideModel.ts';
import { serveRisk } from '../../../inference/serveRisk.ts';

const [modelDir, planFile, standardisation] = process.argv.slice(2) as [string, string, string];
const model = await openBedsideModel({ modelDir, planFile, standardisation });
const server = await serveRisk(model, { host: '127.0.0.1', port: 0 });
const started = process.cpuUsage();
process.stdout.write(`${JSON.stringify({ url: server.url })}\n`);
process.once('SIGTERM', () => {
  void server.close().then(() => {
    const used = process.cpuUsage(started);
    process.stdout.write(`${JSON.stringify({ cpuMs: (used.user + used.system) / 1000, answered: server.answered })}\n`);
    process.exit(0);
  });
});
