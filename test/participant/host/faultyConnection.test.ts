// The drill's effect on the calls a node makes, over a stand-in for the coordinator connection that records what
// reached it; the whole drill against a real coordinator runs in test/experiments/benchmarks/soak/runSoak.test.ts.
import { describe, expect, it } from 'vitest';
import type { SiteAttestation, UpdateEnvelope, UpdateReceipt } from '../../../common/wire/protocolTypes.ts';
import type { CoordinatorClient } from '../../../participant/node/CoordinatorClient.ts';
import { faultyConnection, type FaultActions } from '../../../participant/host/faultyConnection.ts';
import type { SiteFault } from '../../../participant/host/siteFaults.ts';

function recordingClient() {
  const seen = { chunks: [] as number[], closed: false, attestations: 0 };
  const client = {
    async submitUpdate(_envelope: UpdateEnvelope, chunks: Iterable<Uint8Array> | AsyncIterable<Uint8Array>) {
      for await (const chunk of chunks) seen.chunks.push(chunk[0]!);
      return { updatesIn: 1 } as unknown as UpdateReceipt;
    },
    async submitAttestation() {
      seen.attestations += 1;
      throw new Error('refused');
    },
    close: () => void (seen.closed = true),
  };
  return { seen, client: client as unknown as CoordinatorClient };
}

function drill(faults: SiteFault[]) {
  const restarts: number[] = [];
  const actions: FaultActions = {
    take(round, kinds) {
      const index = faults.findIndex((fault) => fault.round === round && kinds.includes(fault.kind));
      return index < 0 ? undefined : faults.splice(index, 1)[0];
    },
    restart: (afterMs) => void restarts.push(afterMs),
  };
  return { actions, restarts };
}

const envelope = (round: number) => ({ round, chunkCount: 4 }) as UpdateEnvelope;
const chunks = [1, 2, 3, 4].map((value) => Uint8Array.of(value));

describe('faultyConnection', () => {
  it('drops an upload after half its chunks, closing the channel, and lets the node send it whole the next time', async () => {
    const { seen, client } = recordingClient();
    const { actions } = drill([{ round: 2, kind: 'upload-dropped', site: 'a', delayMs: 0 }]);
    const connection = faultyConnection(client, actions);
    await expect(connection.submitUpdate(envelope(2), chunks)).rejects.toMatchObject({ code: 'TRANSPORT_UNAVAILABLE', message: 'fault drill: the connection dropped after 2 of 4 chunks' });
    expect(seen).toMatchObject({ chunks: [1, 2], closed: true });
    await connection.submitUpdate(envelope(2), chunks);
    expect(seen.chunks).toEqual([1, 2, 1, 2, 3, 4]);
  });

  it('holds a slow upload back, and restarts the site once its update is taken', async () => {
    const { seen, client } = recordingClient();
    const { actions, restarts } = drill([{ round: 1, kind: 'slow-site', site: 'a', delayMs: 200 }, { round: 2, kind: 'site-restart', site: 'a', delayMs: 1500 }]);
    const connection = faultyConnection(client, actions);
    const started = performance.now();
    await connection.submitUpdate(envelope(1), chunks);
    expect(performance.now() - started).toBeGreaterThanOrEqual(190);
    expect(restarts).toEqual([]);
    await connection.submitUpdate(envelope(2), chunks);
    expect(restarts).toEqual([1500]);
    expect(seen.chunks).toHaveLength(8);
  });

  it("makes a late joiner leave after attesting the round before, even when that attestation is refused", async () => {
    const { seen, client } = recordingClient();
    const { actions, restarts } = drill([{ round: 3, kind: 'late-join', site: 'a', delayMs: 2500 }]);
    const connection = faultyConnection(client, actions);
    await expect(connection.submitAttestation({ round: 1 } as SiteAttestation)).rejects.toThrow('refused');
    expect(restarts).toEqual([]);
    await expect(connection.submitAttestation({ round: 2 } as SiteAttestation)).rejects.toThrow('refused');
    expect(restarts).toEqual([2500]);
    expect(seen.attestations).toBe(2);
  });
});
