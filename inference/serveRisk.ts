// `medfl serve` as a library call: a node:http server answering `POST /$predict` (a FHIR Bundle of one patient's vital
// signs) with a RiskAssessment, and `GET /health`. Loopback by default; bodies are capped; errors are OperationOutcomes.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { childLogger } from '../common/log.ts';
import { asMedflError, MedflError } from '../common/MedflError.ts';
import type { BedsideModel } from './openBedsideModel.ts';
import { operationOutcome, outcomeFor } from './operationOutcome.ts';
import { predictRisk } from './predictRisk.ts';

export const PREDICT_PATH = '/$predict';
export const HEALTH_PATH = '/health';
export const DEFAULT_MAX_BODY_BYTES = 1 << 20;
const FHIR_JSON = 'application/fhir+json';
/** How long a shutdown waits for requests in flight before it closes their connections. */
const DRAIN_MS = 5_000;

export interface ServeOptions {
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
  readonly maxBodyBytes?: number;
}

export interface RiskServer {
  readonly url: string;
  /** Requests answered so far, by HTTP status. */
  readonly answered: Readonly<Record<number, number>>;
  /** Stops accepting, lets requests in flight finish (up to a few seconds), then resolves. */
  close(): Promise<void>;
}

function send(response: ServerResponse, status: number, body: unknown, type = FHIR_JSON): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store' });
  response.end(text);
}

/** Bytes of an over-long body read and dropped before the 413, so the client has sent it all and reads the answer. */
const DRAIN_FACTOR = 16;

/**
 * The body's bytes. One longer than `limit` is refused once it has been read to its end and dropped: answering while
 * the client still sends makes the socket close under it, and it sees a reset instead of the 413. A body over
 * DRAIN_FACTOR × `limit` is not read on: the connection is cut.
 */
function readBody(request: IncomingMessage, limit: number): Promise<Buffer> {
  const tooLarge = () => new MedflError('REQUEST_TOO_LARGE', `the request body is over the server's limit of ${limit} bytes; send one patient's vital signs`);
  if (Number(request.headers['content-length'] ?? 0) > DRAIN_FACTOR * limit) return Promise.reject(tooLarge());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
      else if (size > DRAIN_FACTOR * limit) {
        request.pause();
        reject(tooLarge());
      }
    });
    request.once('end', () => (size <= limit ? resolve(Buffer.concat(chunks)) : reject(tooLarge())));
    request.once('error', reject);
  });
}

async function readJsonBody(request: IncomingMessage, limit: number): Promise<unknown> {
  const bytes = await readBody(request, limit);
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch (cause) {
    throw new MedflError('REQUEST_INVALID', `the request body is not JSON (${(cause as Error).message}); POST a FHIR Bundle`, { cause });
  }
}

async function answerPredict(model: BedsideModel, request: IncomingMessage, url: URL, limit: number): Promise<unknown> {
  const body = await readJsonBody(request, limit);
  const resourceType = typeof body === 'object' && body !== null ? (body as { resourceType?: unknown }).resourceType : undefined;
  if (resourceType !== 'Bundle') {
    throw new MedflError('REQUEST_INVALID', `the request body is ${typeof resourceType === 'string' ? `a ${resourceType}` : 'not a FHIR resource'}; POST a FHIR Bundle holding the patient and their vital-sign Observations`);
  }
  // An empty ?patient= names no one: treat it as absent rather than as a patient whose id is the empty string.
  const patient = url.searchParams.get('patient') || undefined;
  return (await predictRisk(model, { bundle: body, label: 'the posted Bundle' }, patient)).riskAssessment;
}

function health(model: BedsideModel): object {
  const { reference } = model;
  return { status: 'ok', plan: model.plan.name, modelHash: reference.modelHash, chainId: reference.chainId, ledger: reference.ledgerAddress, runId: reference.runId, round: reference.round };
}

export async function serveRisk(model: BedsideModel, options: ServeOptions): Promise<RiskServer> {
  const log = childLogger('serve');
  const limit = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const answered: Record<number, number> = {};
  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<number> => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    // Clients that percent-encode the `$` of a FHIR operation (curl users dodging the shell) ask for the same path.
    url.pathname = url.pathname.replace(/%24/gi, '$');
    const route = url.pathname === PREDICT_PATH ? 'POST' : url.pathname === HEALTH_PATH ? 'GET' : undefined;
    if (route === undefined) return reply(response, 404, operationOutcome('NOT_FOUND', `no such endpoint ${url.pathname}; POST ${PREDICT_PATH} or GET ${HEALTH_PATH}`, 'not-found'));
    if (request.method !== route) {
      response.setHeader('allow', route);
      return reply(response, 405, operationOutcome('METHOD_NOT_ALLOWED', `${url.pathname} takes ${route}, not ${request.method}`, 'not-supported'));
    }
    if (route === 'GET') return reply(response, 200, health(model), 'application/json');
    try {
      return reply(response, 200, await answerPredict(model, request, url, limit));
    } catch (thrown) {
      const error = asMedflError(thrown);
      const { status, outcome } = outcomeFor(error);
      if (status === 500) log.error({ err: thrown }, 'prediction failed');
      // A body cut off at the limit leaves bytes unread: this connection cannot carry another request.
      if (error.code === 'REQUEST_TOO_LARGE') response.setHeader('connection', 'close');
      return reply(response, status, outcome);
    }
  };
  const reply = (response: ServerResponse, status: number, body: unknown, type?: string): number => {
    send(response, status, body, type);
    answered[status] = (answered[status] ?? 0) + 1;
    return status;
  };
  const server = createServer((request, response) => {
    // A request line Node accepts but URL cannot parse must not become an unhandled rejection that ends the server.
    handle(request, response).catch((thrown: unknown) => {
      log.error({ err: thrown }, 'request failed');
      if (!response.headersSent) reply(response, 400, operationOutcome('REQUEST_INVALID', 'the request could not be read', 'structure'));
      else response.destroy();
    });
  });
  server.requestTimeout = 30_000;
  server.headersTimeout = 10_000;
  await new Promise<void>((resolve, reject) => {
    // The flags were valid; the address is not free (taken, or not this machine's): the coordinator's code for the same.
    server.once('error', (cause) => reject(new MedflError('TRANSPORT_UNAVAILABLE', `cannot listen on ${options.host}:${options.port}: ${cause.message}; choose another --port or --host`, { cause })));
    server.listen(options.port, options.host, resolve);
  });
  const { address, port } = server.address() as AddressInfo;
  const url = `http://${address.includes(':') ? `[${address}]` : address}:${port}`;
  const close = () =>
    new Promise<void>((resolve) => {
      const force = setTimeout(() => server.closeAllConnections(), DRAIN_MS);
      server.close(() => {
        clearTimeout(force);
        resolve();
      });
      server.closeIdleConnections();
    });
  return { url, answered, close };
}
