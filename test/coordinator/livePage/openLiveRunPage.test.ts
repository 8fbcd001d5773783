// Binding the page's port before the coordinator starts: a taken port is one clear error, and until the run is
// attached every request is told to come back.
import { createServer } from 'node:http';
import { describe, expect, it } from 'vitest';
import { openLiveRunPage } from '../../../coordinator/livePage/openLiveRunPage.ts';

describe('openLiveRunPage', () => {
  it('answers 503 until the coordinator\'s run is attached, and closes', async () => {
    const page = await openLiveRunPage({ port: 0 });
    expect(page.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const response = await fetch(page.url);
    expect(response.status).toBe(503);
    expect(await response.text()).toBe('the coordinator is starting\n');
    await page.close();
    await expect(fetch(page.url)).rejects.toThrow();
  });

  it('refuses a port another server holds with TRANSPORT_UNAVAILABLE', async () => {
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const port = (holder.address() as { port: number }).port;
    await expect(openLiveRunPage({ port })).rejects.toMatchObject({
      code: 'TRANSPORT_UNAVAILABLE',
      message: `cannot serve the live run page on 127.0.0.1:${port}: listen EADDRINUSE: address already in use 127.0.0.1:${port}`,
    });
    await new Promise((resolve) => holder.close(resolve));
  });
});
