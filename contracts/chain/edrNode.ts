// The process spawnEdr starts: Hardhat's simulated network (EDR) served as JSON-RPC over HTTP, which is what
// `hardhat node` does; Hardhat 3 itself refuses Node 20, and EDR's npm package has no HTTP server of its own.
// Usage: edrNode.ts <host> <port>. Prints "Listening on <host>:<port>" once it accepts requests, as anvil does.
import { createServer, type IncomingMessage } from 'node:http';
import type { Provider } from '@nomicfoundation/edr';
import { createEdrProvider } from './edrProvider.ts';

interface RpcRequest {
  readonly id?: unknown;
  readonly params?: unknown;
}

interface RpcError {
  readonly code: number;
  readonly message: string;
  readonly data?: unknown;
}

/**
 * EDR puts a revert's return data at `error.data.data`, beside a parsed `reason` object that ethers does not read;
 * `hardhat node` (its JSON-RPC handler) sends `{ message, txHash, data }` instead, or the bare return data for code 3,
 * which is the shape ethers searches for a revert. Without it every custom error would arrive as "no reason".
 */
function hardhatError(error: RpcError): RpcError {
  const edrData = typeof error.data === 'object' && error.data !== null ? (error.data as { data?: unknown; transactionHash?: unknown }) : {};
  const returnData = typeof error.data === 'string' ? error.data : typeof edrData.data === 'string' ? edrData.data : undefined;
  if (error.code === 3) return { ...error, data: returnData };
  const txHash = typeof edrData.transactionHash === 'string' ? edrData.transactionHash : undefined;
  return { code: error.code, message: error.message, data: { message: error.message, txHash, data: returnData } };
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** One request through EDR, whose reply holds only `result` or `error`: the envelope (id, version) is added here. */
async function answer(provider: Provider, request: RpcRequest): Promise<unknown> {
  try {
    // JSON-RPC 2.0 lets a call without arguments leave out `params` (cast does); EDR insists on the field.
    const { data } = await provider.handleRequest(JSON.stringify({ ...request, params: request.params ?? [] }));
    const reply = (typeof data === 'string' ? JSON.parse(data) : data) as { result?: unknown; error?: RpcError };
    const outcome = reply.error ? { error: hardhatError(reply.error) } : { result: reply.result };
    return { jsonrpc: '2.0', id: request.id ?? null, ...outcome };
  } catch (error) {
    return { jsonrpc: '2.0', id: request.id ?? null, error: { code: -32603, message: (error as Error).message } };
  }
}

/** ethers batches calls into one JSON array; EDR takes one request at a time, so a batch is answered in order. */
async function answerBody(provider: Provider, body: string): Promise<unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return { jsonrpc: '2.0', id: null, error: { code: -32700, message: 'parse error' } };
  }
  if (!Array.isArray(parsed)) return answer(provider, parsed as RpcRequest);
  const answers: unknown[] = [];
  for (const request of parsed) answers.push(await answer(provider, request as RpcRequest));
  return answers;
}

const [host = '127.0.0.1', port = '0'] = process.argv.slice(2);
const provider = await createEdrProvider();
const server = createServer((request, response) => {
  readBody(request)
    .then((body) => answerBody(provider, body))
    .then((reply) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(reply));
    })
    .catch((error: Error) => {
      response.writeHead(500);
      response.end(error.message);
    });
});
server.listen(Number(port), host, () => {
  const address = server.address();
  if (address && typeof address === 'object') process.stdout.write(`Listening on ${host}:${address.port}\n`);
});
// The tether sends SIGTERM when the process that started this chain goes away; nothing here needs saving.
process.once('SIGTERM', () => process.exit(0));
