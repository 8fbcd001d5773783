// The live run page's HTTP routes, read only: the page, its script and style, the status as JSON (/api/status) and
// live updates as Server-Sent Events (/api/events). Any method but GET is 405; any other path 404.
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LiveRunUpdate } from './LiveRunFeed.ts';

/** What the routes read: the feed's latest update, and its later ones. */
export interface LiveRunUpdates {
  current(): LiveRunUpdate;
  subscribe(listener: (update: LiveRunUpdate) => void): () => void;
}

const STATIC_DIR = new URL('./static/', import.meta.url);
const PAGE_MARKER = '<!--run-->';

// No inline script or style and nothing from elsewhere: rendered values cannot run even if escaping ever failed.
const SECURITY_HEADERS = {
  'Content-Security-Policy': "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
} as const;

const SSE_HEARTBEAT_MS = 15_000;

/** JSON with <, >, & and the JS line separators as \u escapes, so no body can be read as markup by anything. */
export function safeJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function send(response: ServerResponse, status: number, type: string, body: string, extra: Record<string, string> = {}): void {
  response.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': type, 'Content-Length': Buffer.byteLength(body), ...extra });
  response.end(body);
}

function streamEvents(request: IncomingMessage, response: ServerResponse, updates: LiveRunUpdates): void {
  response.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': 'text/event-stream; charset=utf-8', Connection: 'keep-alive' });
  const push = (update: LiveRunUpdate) => response.write(`data: ${safeJson(update)}\n\n`);
  response.write('retry: 2000\n\n');
  push(updates.current());
  const unsubscribe = updates.subscribe(push);
  // A comment line now and then keeps proxies and idle timers from closing a quiet stream.
  const heartbeat = setInterval(() => response.write(': keep-alive\n\n'), SSE_HEARTBEAT_MS).unref();
  request.on('close', () => {
    clearInterval(heartbeat);
    unsubscribe();
  });
}

/** The request handler of the live run page, for node:http's createServer. */
export function liveRunHandler(updates: LiveRunUpdates): (request: IncomingMessage, response: ServerResponse) => void {
  const asset = (name: string) => readFileSync(new URL(name, STATIC_DIR), 'utf8');
  const [page, script, style] = [asset('live-run.html'), asset('live-run.js'), asset('live-run.css')];
  return (request, response) => {
    if (request.method !== 'GET') return send(response, 405, 'text/plain; charset=utf-8', 'method not allowed: this page is read only\n', { Allow: 'GET' });
    const path = new URL(request.url ?? '/', 'http://page').pathname;
    switch (path) {
      case '/':
        return send(response, 200, 'text/html; charset=utf-8', page.replace(PAGE_MARKER, () => updates.current().html));
      case '/live-run.js':
        return send(response, 200, 'text/javascript; charset=utf-8', script);
      case '/live-run.css':
        return send(response, 200, 'text/css; charset=utf-8', style);
      case '/api/status':
        return send(response, 200, 'application/json; charset=utf-8', safeJson(updates.current().view));
      case '/api/events':
        return streamEvents(request, response, updates);
      default:
        return send(response, 404, 'text/plain; charset=utf-8', 'not found\n');
    }
  };
}
