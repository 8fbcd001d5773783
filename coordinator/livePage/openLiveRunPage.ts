// `--ui PORT`: the coordinator's read-only live run page on plain HTTP, beside its gRPC server. Loopback by default:
// it shows no patient data and no keys, but who takes part and how the model scores is still the consortium's business.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { MedflError } from '../../common/MedflError.ts';
import type { RunEngine } from '../rounds/RunEngine.ts';
import { LiveRunFeed, type ReadRoundOnChain } from './LiveRunFeed.ts';
import { liveRunHandler } from './liveRunHandler.ts';

export interface LiveRunSourceOptions {
  readonly engine: RunEngine;
  readonly planName: string;
  readonly readChain: ReadRoundOnChain;
  readonly chainCheckMs?: number;
}

export interface LiveRunPage {
  /** http://host:port/ */
  readonly url: string;
  /** Starts showing `engine`'s run; until then every request is told the coordinator is starting (503). */
  serve(options: LiveRunSourceOptions): LiveRunFeed;
  close(): Promise<void>;
}

function listen(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', (error) => reject(new MedflError('TRANSPORT_UNAVAILABLE', `cannot serve the live run page on ${host}:${port}: ${error.message}`, { cause: error })));
    server.listen(port, host, () => {
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}

function runFeed({ engine, planName, readChain, chainCheckMs }: LiveRunSourceOptions): LiveRunFeed {
  const { plan, strategy } = engine.options;
  return new LiveRunFeed({
    source: {
      status: () => engine.status(),
      watch: (listener) => engine.watch(listener),
      committedRound: (round) => engine.store.committedRound(round)?.commit,
      watchers: () => engine.connections.watchers(),
      lastSeen: (site) => engine.connections.lastSeen(site),
      evaluate: (commit) => strategy.aggregateEvaluate(commit.siteMetrics),
    },
    plan: { name: planName, encryption: plan.privacy.encryption, sites: plan.consortium.sites, quorum: plan.consortium.quorum },
    confirmationsNeeded: engine.options.confirmations ?? 1,
    readChain,
    ...(chainCheckMs !== undefined ? { chainCheckMs } : {}),
  });
}

/**
 * Binds the page's port first: the coordinator starts (and creates its run on chain) only once the page could take
 * its port, so a taken --ui port fails before anything is written.
 */
export async function openLiveRunPage(options: { readonly port: number; readonly host?: string }): Promise<LiveRunPage> {
  let handle: ((request: IncomingMessage, response: ServerResponse) => void) | undefined;
  let feed: LiveRunFeed | undefined;
  const server = createServer((request, response) => {
    if (handle) return handle(request, response);
    response.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8', 'Retry-After': '1', 'Cache-Control': 'no-store' });
    response.end('the coordinator is starting\n');
  });
  const host = options.host ?? '127.0.0.1';
  const port = await listen(server, host, options.port);
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}/`,
    serve: (source) => {
      feed = runFeed(source);
      handle = liveRunHandler(feed);
      feed.start();
      return feed;
    },
    close: async () => {
      await feed?.stop();
      // Open event streams never end by themselves; without this close() would wait for every browser tab.
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
