// `medfl run --ui PORT` refuses a taken port before it starts anything, in the coordinator's words.
import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPortFree } from '../../consortium/checkPortFree.ts';

describe('checkPortFree', () => {
  let taken: Server;
  let port: number;
  beforeAll(async () => {
    taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    port = (taken.address() as { port: number }).port;
  });
  afterAll(() => new Promise<void>((resolve) => taken.close(() => resolve())));

  it('names a taken port TRANSPORT_UNAVAILABLE', async () => {
    await expect(checkPortFree('127.0.0.1', port, 'the live run page')).rejects.toMatchObject({
      code: 'TRANSPORT_UNAVAILABLE',
      message: `cannot serve the live run page on 127.0.0.1:${port}: listen EADDRINUSE: address already in use 127.0.0.1:${port}`,
    });
  });

  it('passes a free port and leaves it free, and port 0 without probing', async () => {
    const free = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port: found } = probe.address() as { port: number };
        probe.close(() => resolve(found));
      });
    });
    await expect(checkPortFree('127.0.0.1', free, 'the live run page')).resolves.toBeUndefined();
    await expect(checkPortFree('127.0.0.1', free, 'the live run page')).resolves.toBeUndefined();
    await expect(checkPortFree('127.0.0.1', 0, 'the live run page')).resolves.toBeUndefined();
  });
});
