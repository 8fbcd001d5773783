// The live page's routes on a real loopback HTTP server, fed a fixed run (no coordinator needed for routing).
import { createServer, request, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LiveRunUpdate } from '../../../coordinator/livePage/LiveRunFeed.ts';
import { liveRunHandler, safeJson } from '../../../coordinator/livePage/liveRunHandler.ts';
import { liveRunView } from '../../../coordinator/livePage/liveRunView.ts';
import { renderRunPage } from '../../../coordinator/livePage/renderRunPage.ts';
import { liveRunInput } from './liveRunFixtures.ts';

const HOSTILE = '<script>alert("x")</script>';
const view = liveRunView(liveRunInput({ plan: { name: HOSTILE, encryption: 'ckks', sites: ['site-a', 'site-b'], quorum: 2 } }));
let update: LiveRunUpdate = { view, html: renderRunPage(view) };
const listeners = new Set<(next: LiveRunUpdate) => void>();
const updates = { current: () => update, subscribe: (listener: (next: LiveRunUpdate) => void) => (listeners.add(listener), () => listeners.delete(listener)) };
let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer(liveRunHandler(updates));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('liveRunHandler', () => {
  it('serves the page with the run rendered in, escaped, under a policy that allows no inline script', async () => {
    const response = await fetch(`${base}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await response.text();
    expect(html).toContain('<h1>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</h1>');
    expect(html).not.toContain(HOSTILE);
    expect(html).toContain('<script src="/live-run.js" defer></script>');
  });

  it('serves its script and style, and the status as JSON whose markup characters are escaped', async () => {
    expect((await fetch(`${base}/live-run.js`)).headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await fetch(`${base}/live-run.css`)).headers.get('content-type')).toBe('text/css; charset=utf-8');
    const response = await fetch(`${base}/api/status?x=1`);
    const body = await response.text();
    expect(body).not.toContain('<');
    expect(body).toContain('\\u003cscript\\u003e');
    expect(JSON.parse(body)).toEqual(JSON.parse(JSON.stringify(view)));
  });

  it('answers every method but GET with 405 and Allow: GET, and unknown paths with 404', async () => {
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH', 'HEAD']) {
      const response = await fetch(`${base}/api/status`, { method });
      expect(response.status).toBe(405);
      expect(response.headers.get('allow')).toBe('GET');
    }
    for (const path of ['/index.html', '/static/live-run.html', '/../package.json', '/api/status/1', '/live-run.ts']) {
      expect((await fetch(`${base}${path}`)).status).toBe(404);
    }
  });

  it('streams the current update at once and each later one as an event', async () => {
    const received: string[] = [];
    const done = new Promise<void>((resolve, reject) => {
      const call = request(`${base}/api/events`, (response) => {
        expect(response.headers['content-type']).toBe('text/event-stream; charset=utf-8');
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          received.push(...chunk.split('\n').filter((line) => line.startsWith('data: ')).map((line) => line.slice(6)));
          if (received.length === 1) {
            update = { view: { ...view, runState: 'COMPLETED' }, html: '<p>done</p>' };
            for (const listener of listeners) listener(update);
          }
          if (received.length === 2) {
            call.destroy();
            resolve();
          }
        });
      });
      call.on('error', reject);
      call.end();
    });
    await done;
    expect((JSON.parse(received[0]!) as LiveRunUpdate).view.planName).toBe(HOSTILE);
    expect(received[0]).not.toContain('<');
    expect(JSON.parse(received[1]!)).toMatchObject({ view: { runState: 'COMPLETED' }, html: '<p>done</p>' });
  });
});

describe('safeJson', () => {
  it('escapes <, >, & and the JavaScript line separators and still parses back to the same value', () => {
    const value = { text: '</script><b>&\u2028\u2029' };
    expect(safeJson(value)).toBe('{"text":"\\u003c/script\\u003e\\u003cb\\u003e\\u0026\\u2028\\u2029"}');
    expect(JSON.parse(safeJson(value))).toEqual(value);
  });
});
