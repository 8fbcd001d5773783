import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hash32 } from '../../../common/canonicalJson.ts';
import { planHash } from '../../../common/plan/planHash.ts';
import type { DecryptionShareEnvelope, RoundTask, RunStatus } from '../../../common/wire/protocolTypes.ts';
import type { AggregatePart } from '../../../common/wire/wireCodec.ts';
import { SiteNode, type SiteConnection } from '../../../participant/node/SiteNode.ts';
import { SiteState } from '../../../participant/node/SiteState.ts';
import type { SiteLedger } from '../../../participant/ports.ts';
import { testPlan } from '../../coordinator/helpers/testConsortium.ts';
import { SHARE_SITES } from '../keyShares/helpers/shareKits.ts';
import { attempt, params, thresholdWorld, type ThresholdWorld } from '../threshold/helpers/thresholdWorld.ts';
import { address, global, progress, strategy } from './helpers/roundFixture.ts';

const plan = testPlan();
const approved = { planHash: planHash(plan), genesisModelHash: progress.modelHash, sitesHash: `0x${'5'.repeat(64)}` as const, quorum: 2, coordinator: address };
const unexpected = async (): Promise<never> => {
  throw new Error('the node made a call this status does not ask for');
};

let world: ThresholdWorld;
beforeAll(async () => {
  world = await thresholdWorld();
}, 60_000);
afterAll(() => world.cleanup());

const task = (runId = attempt.runId): RoundTask => ({
  ...attempt, runId, planHash: planHash(plan), prevModelHash: progress.modelHash, deadlineUnixMs: Date.now() + 60_000, minUpdates: 2,
  codecId: params.codecId, chunkCount: params.chunkCount, expectedSites: [...SHARE_SITES], proximalMu: 0, keyHolders: [...SHARE_SITES],
});

const status = (fields: Partial<RunStatus>): RunStatus => ({
  runId: attempt.runId, planHash: planHash(plan), runState: 'RUNNING', round: 1, roundState: 'COLLECTING', updatesIn: [], attestationsIn: [], totalRounds: 2, failure: '', ...fields,
});

/** site-b's node (its kit, seed-made codec and out folder from the world), a coordinator double and a chain double. */
function siteB(fetchAggregate: SiteConnection['fetchAggregate'], setHash?: string) {
  const site = world.sites['site-b'];
  const sent: DecryptionShareEnvelope[] = [];
  const relay = world.relay.clientFor('site-b');
  const ledger: SiteLedger = {
    chainId: 31337, ledgerAddress: address, committedModelHash: unexpected, run: async () => approved, latestModel: unexpected,
    signAttestation: unexpected, receiptSigner: () => address, closedAttempt: async () => setHash as Hash32 | undefined,
  };
  const split = { site: 'site-b', train: { rows: 0 }, test: { rows: 0 } } as never;
  const parts = { kit: site.kit, plan, planHash: planHash(plan), approvedRun: approved, split, codec: site.codec, ledger, strategy, state: new SiteState(site.outDir) };
  const client: SiteConnection = {
    fetchAggregate, submitUpdate: unexpected, uploadOffset: unexpected, submitAttestation: unexpected, getContributions: unexpected,
    submitKeyShares: relay.submitKeyShares, fetchKeyShares: relay.fetchKeyShares,
    submitDecryptionShare: async (envelope) => {
      sent.push(envelope);
      return { ...attempt, site: envelope.site, digest: envelope.digest, sharesIn: sent.length };
    },
  };
  return { node: new SiteNode(parts, { model: global, progress: { ...progress, runId: '', round: 0 } }), client, sent };
}

describe('SiteNode under threshold CKKS (coordinator and chain doubles; real codecs and keys)', () => {
  it('answers DECRYPTING with its share once, resending its kept key shares unchanged first', async () => {
    const { header } = await world.attemptOf(['site-a', 'site-c', 'site-d'], ['site-b', 'site-c']);
    const sentBefore = world.relay.entries.length;
    async function* fetchAggregate(): AsyncGenerator<AggregatePart> {
      yield { header };
    }
    const { node, client, sent } = siteB(fetchAggregate, header.setHash);
    const decrypting = status({ roundState: 'DECRYPTING', task: task() });
    await node.onStatus(decrypting, client);
    await node.onStatus(decrypting, client);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ site: 'site-b', setHash: header.setHash });
    const resent = world.relay.entries.slice(sentBefore);
    expect(resent.map((entry) => entry.fromSite)).toEqual(['site-b', 'site-b', 'site-b']);
    const first = world.relay.entries.filter((entry) => entry.fromSite === 'site-b').slice(0, 3);
    expect(resent.map((entry) => entry.signature)).toEqual(first.map((entry) => entry.signature));
  });

  it('sits a COLLECTING attempt out while other key holders\' shares are missing: no training, no upload', async () => {
    const { node, client } = siteB(async function* () {
      yield* [];
      throw new Error('no aggregate is fetched while collecting');
    });
    await expect(node.onStatus(status({ runId: '9', task: task('9') }), client)).resolves.toBe(false);
    expect(world.relay.entries.filter((entry) => entry.runId === '9').map((entry) => entry.fromSite)).toEqual(['site-b', 'site-b', 'site-b']);
  });
});
