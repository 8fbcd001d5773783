// GetContributions over real mutual-TLS gRPC on loopback: the manifest goes out and comes back validated, and a bad
// request or a bad reply is refused with a stable code on both sides, like the other calls.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Server, ServerCredentials } from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadKit, type Kit } from '../../../common/kit/loadKit.ts';
import { childLogger } from '../../../common/log.ts';
import { contributionsManifest, manifestProblems, type RoundManifest } from '../../../common/wire/contributionsManifest.ts';
import { CHANNEL_LIMITS, coordinatorProtos } from '../../../common/wire/loadProtos.ts';
import { MedflError } from '../../../common/MedflError.ts';
import type { RunEngine } from '../../../coordinator/rounds/RunEngine.ts';
import { coordinatorService } from '../../../coordinator/server/coordinatorService.ts';
import { CoordinatorClient } from '../../../participant/node/CoordinatorClient.ts';
import { provisionConsortium } from '../../../provision/provisionConsortium.ts';
import { hashOf, siteWallets } from '../../contracts/signedRound.ts';
import { NO_CONSENT_ROOT } from '../../../common/consent/consentTree.ts';

const dir = mkdtempSync(join(tmpdir(), 'medfl-get-contributions-'));
const contributions = siteWallets('grpc-manifest', 2).map((wallet, index) => ({ site: `site-${index}`, address: wallet.address, examples: 5 + index, digest: hashOf(`u${index}`), epsilonMicros: 100_000 * index, consentRoot: NO_CONSENT_ROOT }));
const manifest = contributionsManifest('run-3', { round: 1, contributions });
let served: (round: number) => RoundManifest = () => manifest;
let server: Server;
let client: CoordinatorClient;

function fakeEngine(consortium: Kit['consortium']): RunEngine {
  const contributionsKeeper = {
    keep: () => undefined,
    manifest: (_runId: string, round: number) => {
      if (round !== 1) throw new MedflError('ROUND_MISMATCH', `round ${round} is not committed, so it has no contributions manifest yet`);
      return served(round);
    },
  };
  return { log: childLogger('test'), runId: 'run-3', options: { consortium, contributions: contributionsKeeper } } as unknown as RunEngine;
}

beforeAll(async () => {
  const { kitDirs } = await provisionConsortium({ consortium: 't', sites: ['site-a'], outDir: join(dir, 'kits') });
  const [coordinator, site] = [loadKit(kitDirs.coordinator!), loadKit(kitDirs['site-a']!)];
  server = new Server(CHANNEL_LIMITS);
  server.addService(coordinatorProtos().service, coordinatorService(fakeEngine(coordinator.consortium)));
  const credentials = ServerCredentials.createSsl(Buffer.from(coordinator.tls.caPem), [{ cert_chain: Buffer.from(coordinator.tls.certPem), private_key: Buffer.from(coordinator.tls.keyPem) }], true);
  const port = await new Promise<number>((resolve, reject) => server.bindAsync('127.0.0.2:0', credentials, (error, bound) => (error ? reject(error) : resolve(bound))));
  client = CoordinatorClient.connect(`127.0.0.2:${port}`, site.tls, site.consortium.coordinator);
}, 30_000);

afterAll(() => {
  client?.close();
  server?.forceShutdown();
  rmSync(dir, { recursive: true, force: true });
});

describe('GetContributions', () => {
  it('returns the committed round\'s manifest field for field, with proofs that lead to its root', async () => {
    const received = await client.getContributions(1);
    expect(received).toEqual(manifest);
    expect(manifestProblems(received, { runId: 'run-3', round: 1 })).toEqual([]);
  });

  it('maps the coordinator\'s refusal back to the same code and message on the site', async () => {
    await expect(client.getContributions(2)).rejects.toThrow(expect.objectContaining({ code: 'ROUND_MISMATCH', message: 'round 2 is not committed, so it has no contributions manifest yet' }));
  });

  it('refuses round 0 at the coordinator with WIRE_INVALID', async () => {
    await expect(client.getContributions(0)).rejects.toThrow(expect.objectContaining({ code: 'WIRE_INVALID', message: expect.stringContaining('malformed GetContributionsRequest: round') }));
  });

  it('refuses, on the site, a reply that is not a manifest', async () => {
    served = () => ({ ...manifest, root: 'not a hash' }) as unknown as RoundManifest;
    try {
      await expect(client.getContributions(1)).rejects.toThrow(expect.objectContaining({ code: 'WIRE_INVALID', message: expect.stringContaining('malformed ContributionsManifest: root') }));
    } finally {
      served = () => manifest;
    }
  });
});
