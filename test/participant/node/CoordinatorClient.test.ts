// The site's client trusts only the coordinator consortium.json names, though every party's certificate says 127.0.0.1,
// and takes nothing from it unvalidated.
import { Server, ServerCredentials, type UntypedServiceImplementation } from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kit } from '../../../common/kit/loadKit.ts';
import { coordinatorProtos } from '../../../common/wire/loadProtos.ts';
import { fromWireDecryptionSharePart, toWireDecryptionShareReceipt, type DecryptionSharePart } from '../../../common/wire/wireCodec.ts';
import { CoordinatorClient, type CallDeadlines } from '../../../participant/node/CoordinatorClient.ts';
import { testConsortium, type TestConsortium } from '../../coordinator/helpers/testConsortium.ts';
import { NO_CONSENT_ROOT } from '../../../common/consent/consentTree.ts';

type Reply = (error: null, reply: object) => void;

let world: TestConsortium;
const servers: Server[] = [];

/** A gRPC server on loopback presenting `kit`'s certificate; its address. */
async function serve(kit: Kit, implementation: UntypedServiceImplementation): Promise<string> {
  const server = new Server();
  servers.push(server);
  server.addService(coordinatorProtos().service, implementation);
  const credentials = ServerCredentials.createSsl(Buffer.from(kit.tls.caPem), [{ cert_chain: Buffer.from(kit.tls.certPem), private_key: Buffer.from(kit.tls.keyPem) }], true);
  const port = await new Promise<number>((resolve, reject) => server.bindAsync('127.0.0.1:0', credentials, (error, bound) => (error ? reject(error) : resolve(bound))));
  return `127.0.0.1:${port}`;
}

function connect(address: string, deadlines: Partial<CallDeadlines> = {}): CoordinatorClient {
  return CoordinatorClient.connect(address, world.kits['site-a']!.tls, world.kits.coordinator!.consortium.coordinator, deadlines);
}

beforeAll(async () => {
  world = await testConsortium();
});

afterAll(() => {
  for (const server of servers) server.forceShutdown();
  world.cleanup();
});

describe('CoordinatorClient', () => {
  it('refuses a server holding another consortium member\'s valid certificate', async () => {
    const client = connect(await serve(world.kits['site-b']!, { getRunStatus: (_call: unknown, callback: Reply) => callback(null, {}) }));
    try {
      await expect(client.getRunStatus()).rejects.toMatchObject({ code: 'TRANSPORT_UNAVAILABLE' });
    } finally {
      client.close();
    }
  });

  it('refuses a malformed plan document with WIRE_INVALID naming its fields', async () => {
    const client = connect(await serve(world.kits.coordinator!, { getPlan: (_call: unknown, callback: Reply) => callback(null, { planHash: 'sha256:abc' }) }));
    try {
      await expect(client.getPlan()).rejects.toMatchObject({
        code: 'WIRE_INVALID',
        message: 'malformed PlanDocument: planHash: a 0x-prefixed lower-case 32-byte hex hash; planJson: Too small: expected string to have >=1 characters',
      });
    } finally {
      client.close();
    }
  });

  it('gives up on a coordinator that never answers once the call\'s deadline passes, as TRANSPORT_UNAVAILABLE', async () => {
    const stuck = { getRunStatus: () => undefined, getPlan: () => undefined, submitAttestation: () => undefined, fetchAggregate: () => undefined };
    const client = connect(await serve(world.kits.coordinator!, stuck), { unaryMs: 300, attestationMs: 300, aggregateMs: 400 });
    try {
      const started = Date.now();
      await expect(client.getRunStatus()).rejects.toMatchObject({ code: 'TRANSPORT_UNAVAILABLE', message: 'the coordinator did not complete GetRunStatus within 0.3 s' });
      await expect(client.getPlan()).rejects.toMatchObject({ code: 'TRANSPORT_UNAVAILABLE', message: 'the coordinator did not complete GetPlan within 0.3 s' });
      const parts = async () => {
        for await (const part of client.fetchAggregate(1)) expect(part).toBeUndefined();
      };
      await expect(parts()).rejects.toMatchObject({ code: 'TRANSPORT_UNAVAILABLE', message: 'the coordinator did not complete FetchAggregate of round 1 within 0.4 s' });
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      client.close();
    }
  });

  it('streams a decryption share as its envelope then its chunks in order, and decodes the receipt', async () => {
    const received: DecryptionSharePart[] = [];
    const submitDecryptionShare = (call: AsyncIterable<unknown>, callback: Reply) => {
      void (async () => {
        for await (const message of call) received.push(fromWireDecryptionSharePart(message));
        const { envelope } = received[0] as { envelope: { digest: string } };
        callback(null, toWireDecryptionShareReceipt({ runId: '1', round: 2, attempt: 0, site: 'site-a', digest: envelope.digest as `0x${string}`, sharesIn: 1 }));
      })();
    };
    const client = connect(await serve(world.kits.coordinator!, { submitDecryptionShare }));
    const envelope = {
      runId: '1', round: 2, attempt: 0, site: 'site-a', codecId: 'c', setHash: `0x${'1'.repeat(64)}` as const, digest: `0x${'2'.repeat(64)}` as const,
      chunkCount: 2, maskedFingerprint: new Uint8Array(32).fill(3), signature: new Uint8Array(64).fill(4),
    };
    try {
      const receipt = await client.submitDecryptionShare(envelope, [new Uint8Array([5, 6]), new Uint8Array([7])]);
      expect(receipt).toEqual({ runId: '1', round: 2, attempt: 0, site: 'site-a', digest: envelope.digest, sharesIn: 1 });
      // gRPC hands bytes over as Buffers: compared as plain arrays.
      const plain = received.map((part) => ('chunk' in part ? [part.chunk.index, [...part.chunk.data]] : { ...part.envelope, maskedFingerprint: [...part.envelope.maskedFingerprint], signature: [...part.envelope.signature] }));
      expect(plain).toEqual([{ ...envelope, maskedFingerprint: [...envelope.maskedFingerprint], signature: [...envelope.signature] }, [0, [5, 6]], [1, [7]]]);
    } finally {
      client.close();
    }
  });

  it('fails a call on a closed client with TRANSPORT_UNAVAILABLE instead of throwing out of the upload', async () => {
    const client = connect(await serve(world.kits.coordinator!, {}));
    client.close();
    const envelope = { runId: '1', round: 1, attempt: 0, site: 'site-a', examples: 1, codecId: 'c', digest: `0x${'0'.repeat(64)}` as const, chunkCount: 1, signature: new Uint8Array(64), maskedFingerprint: new Uint8Array(0), epsilonMicros: 0, consentRoot: NO_CONSENT_ROOT };
    await expect(client.submitUpdate(envelope, [new Uint8Array(4)])).rejects.toMatchObject({ code: 'TRANSPORT_UNAVAILABLE' });
    await expect(client.getRunStatus()).rejects.toMatchObject({ code: 'TRANSPORT_UNAVAILABLE', message: expect.stringContaining('cannot call the coordinator') });
  });
});
