import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { OperationOutcome, RiskAssessment } from 'fhir/r4.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { benchModel, type BenchModel } from '../../experiments/benchmarks/serve/benchModel.ts';
import { openBedsideModel } from '../../inference/openBedsideModel.ts';
import { serveRisk, type RiskServer } from '../../inference/serveRisk.ts';
import { validateFhir } from '../helpers/validateFhir.ts';

let dir: string;
let bench: BenchModel;
let server: RiskServer;
const LIMIT = 100_000;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'medfl-serve-risk-'));
  // A generated hospital's real standardisation and patient; the model's commit from provenance.json (no chain here).
  bench = await benchModel(dir);
  server = await serveRisk(await openBedsideModel(bench), { host: '127.0.0.1', port: 0, maxBodyBytes: LIMIT });
});

afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** POSTs `parts` as a chunked body (no Content-Length), `pause` ms apart, calling `onFirstPart` after the first pause. */
function postChunks(url: string, parts: readonly string[], pause = 0, onFirstPart?: () => void): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const call = request(`${url}/$predict`, { method: 'POST', headers: { 'content-type': 'application/fhir+json' } }, (response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => (text += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) }));
    });
    call.on('error', reject);
    void (async () => {
      for (const [i, part] of parts.entries()) {
        if (call.destroyed) return;
        call.write(part);
        await new Promise((done) => setTimeout(done, pause));
        if (i === 0) onFirstPart?.();
      }
      call.end();
    })();
  });
}

describe('serveRisk (in process, loopback)', () => {
  it('refuses a chunked body once it passes the limit, with a valid OperationOutcome', async () => {
    const { status, body } = await postChunks(server.url, Array.from({ length: 20 }, () => ' '.repeat(10_000)));
    expect(status).toBe(413);
    validateFhir(body as OperationOutcome);
    expect((body as OperationOutcome).issue[0]).toMatchObject({ code: 'too-long', details: { text: 'REQUEST_TOO_LARGE' } });
  });

  it('answers a request target URL cannot parse with 400 and keeps serving', async () => {
    const { port } = new URL(server.url);
    const reply = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1', () => socket.end('GET http://[ HTTP/1.1\r\nHost: x\r\n\r\n'));
      let text = '';
      socket.on('data', (chunk: Buffer) => (text += chunk.toString()));
      socket.on('end', () => resolve(text));
      socket.on('error', reject);
    });
    expect(reply).toMatch(/^HTTP\/1.1 400 /);
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
  });

  it('lets a request in flight finish when it is closed, then stops accepting', async () => {
    const own = await serveRisk(await openBedsideModel(bench), { host: '127.0.0.1', port: 0 });
    const text = JSON.stringify(bench.recentBundle);
    const half = Math.floor(text.length / 2);
    let closed: Promise<void> | undefined;
    const answer = await postChunks(own.url, [text.slice(0, half), text.slice(half)], 200, () => (closed = own.close()));
    expect(answer.status).toBe(200);
    expect((answer.body as RiskAssessment).resourceType).toBe('RiskAssessment');
    await closed;
    await expect(fetch(`${own.url}/health`)).rejects.toThrow();
    expect(own.answered).toEqual({ 200: 1 });
  });

  it('answers at /%24predict too, for clients that percent-encode the operation\'s $', async () => {
    const response = await fetch(`${server.url}/%24predict`, { method: 'POST', body: JSON.stringify(bench.recentBundle) });
    expect(response.status).toBe(200);
    expect(((await response.json()) as RiskAssessment).resourceType).toBe('RiskAssessment');
  });

  it('answers a Bundle whose entry is not a list, or whose entries are null, with 4xx and never 500', async () => {
    const post = async (body: unknown) => {
      const response = await fetch(`${server.url}/$predict`, { method: 'POST', body: JSON.stringify(body) });
      return { status: response.status, issue: ((await response.json()) as OperationOutcome).issue[0] };
    };
    const notList = await post({ resourceType: 'Bundle', entry: 'x' });
    expect(notList).toMatchObject({ status: 400, issue: { details: { text: 'FHIR_NOT_FHIR' }, diagnostics: 'the posted Bundle: Bundle.entry is not a list of entries' } });
    const nulls = await post({ resourceType: 'Bundle', entry: [null, 1, { resource: null }] });
    expect(nulls).toMatchObject({ status: 422, issue: { details: { text: 'VITALS_MISSING' } } });
  });

  it('refuses a port already taken with TRANSPORT_UNAVAILABLE, not a usage error', async () => {
    const { port } = new URL(server.url);
    await expect(serveRisk(await openBedsideModel(bench), { host: '127.0.0.1', port: Number(port) })).rejects.toMatchObject({
      code: 'TRANSPORT_UNAVAILABLE',
      message: `cannot listen on 127.0.0.1:${port}: listen EADDRINUSE: address already in use 127.0.0.1:${port}; choose another --port or --host`,
    });
  });
});
