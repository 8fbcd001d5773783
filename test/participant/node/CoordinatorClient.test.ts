// The site's client trusts only the coordinator consortium.json names, though every party's certificate says 127.0.0.1.
import { Metadata, Server, ServerCredentials, type ServiceError } from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coordinatorProtos } from '../../../common/wire/loadProtos.ts';
import { CoordinatorClient, fromServiceError } from '../../../participant/node/CoordinatorClient.ts';
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

  it('turns the coordinator\'s medfl-code trailer back into the same MedflError code and message', () => {
    const metadata = new Metadata();
    metadata.set('medfl-code', 'ROUND_CLOSED');
    const error = Object.assign(new Error('x'), { code: 9, details: 'ROUND_CLOSED: round 3 is CLOSED and takes no more updates', metadata }) as ServiceError;
    expect(fromServiceError(error)).toMatchObject({ code: 'ROUND_CLOSED', message: 'round 3 is CLOSED and takes no more updates' });
    const bare = Object.assign(new Error('y'), { code: 14, details: 'No connection established', metadata: new Metadata() }) as ServiceError;
    expect(fromServiceError(bare)).toMatchObject({ code: 'TRANSPORT_UNAVAILABLE', message: 'coordinator call failed: No connection established' });
  });
});
