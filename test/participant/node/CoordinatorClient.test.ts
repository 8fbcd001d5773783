// The site's client trusts only the coordinator consortium.json names, though every party's certificate says 127.0.0.1.
import { Server, ServerCredentials } from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coordinatorProtos } from '../../../common/wire/loadProtos.ts';
import { CoordinatorClient } from '../../../participant/node/CoordinatorClient.ts';
import { testConsortium, type TestConsortium } from '../../coordinator/helpers/testConsortium.ts';

let world: TestConsortium;
let impostor: Server;
let address: string;

beforeAll(async () => {
  world = await testConsortium();
  const siteB = world.kits['site-b']!;
  impostor = new Server();
  impostor.addService(coordinatorProtos().service, {
    getRunStatus: (_call: unknown, callback: (error: null, reply: object) => void) => callback(null, {}),
  });
  const credentials = ServerCredentials.createSsl(Buffer.from(siteB.tls.caPem), [{ cert_chain: Buffer.from(siteB.tls.certPem), private_key: Buffer.from(siteB.tls.keyPem) }], true);
  const port = await new Promise<number>((resolve, reject) => impostor.bindAsync('127.0.0.1:0', credentials, (error, bound) => (error ? reject(error) : resolve(bound))));
  address = `127.0.0.1:${port}`;
});

afterAll(() => {
  impostor.forceShutdown();
  world.cleanup();
});

describe('CoordinatorClient', () => {
  it('refuses a server holding another consortium member\'s valid certificate', async () => {
    const client = CoordinatorClient.connect(address, world.kits['site-a']!.tls, world.kits.coordinator!.consortium.coordinator);
    try {
      await expect(client.getRunStatus()).rejects.toMatchObject({ code: 'TRANSPORT_UNAVAILABLE' });
    } finally {
      client.close();
    }
  });
});
