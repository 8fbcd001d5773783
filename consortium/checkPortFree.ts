// `medfl run --ui PORT` learns that PORT is taken only when the coordinator process binds it, after the chain and the
// kits are made; probing it first turns that into one line before anything starts. A race remains (another program
// may take the port in between), in which case the coordinator's own error still names it.
import { createServer } from 'node:net';
import { MedflError } from '../common/MedflError.ts';

/** TRANSPORT_UNAVAILABLE, worded as the coordinator's, when nothing can listen on `host:port` now; port 0 always passes. */
export async function checkPortFree(host: string, port: number, what: string): Promise<void> {
  if (port === 0) return;
  const probe = createServer();
  await new Promise<void>((resolve, reject) => {
    probe.once('error', (cause: Error) => reject(new MedflError('TRANSPORT_UNAVAILABLE', `cannot serve ${what} on ${host}:${port}: ${cause.message}`, { cause })));
    probe.listen(port, host, () => probe.close(() => resolve()));
  });
}
