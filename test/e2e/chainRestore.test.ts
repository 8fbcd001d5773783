// Real processes on loopback: the chain loses round 2 once it is committed, either killed and restored from a state
// saved after round 1 (same chain id, same ledger address) or by a reorg (evm_snapshot after round 1, evm_revert).
// The coordinator sends round 2 again from its stored attestations, the sites wait for it instead of leaving the run,
// the run completes and the final model's lineage verifies.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { loadPlan } from '../../common/plan/loadPlan.ts';
import { devWallet } from '../../contracts/chain/devAccounts.ts';
import { connectLedger } from '../../contracts/LedgerClient.ts';
import { verifyModel } from '../../contracts/lineage/verifyModel.ts';
import { connectChain } from '../../consortium/localChain.ts';
import type { MedflProcess } from '../../consortium/MedflProcess.ts';
import { coordinatorAddress, coordinatorProcess, prepareConsortium, siteProcess } from '../../consortium/partyProcesses.ts';
import { RestorableChain, rpc } from '../helpers/restorableChain.ts';
import { writeUciPlan } from './uciPlan.ts';

const root = mkdtempSync(join(tmpdir(), 'medfl-chain-restore-'));
const processes: MedflProcess[] = [];
const chains: RestorableChain[] = [];
afterEach(async () => {
  await Promise.all(processes.splice(0).map((party) => party.stop()));
  await Promise.all(chains.splice(0).map((chain) => chain.stop()));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const SITES = ['cleveland', 'hungary', 'va'];

/** Resolves once the coordinator announces the commit of `round`. */
const committed = (coordinator: MedflProcess, round: number) =>
  coordinator.waitForJson((line) => (line.event === 'committed' && line.round === round ? String(line.txHash) : undefined), 120_000);

/** How the chain loses round 2: `mark` runs once round 1 is committed, `lose` once round 2 is. */
interface Loss {
  mark(chain: RestorableChain, dir: string): Promise<string>;
  lose(chain: RestorableChain, marked: string): Promise<void>;
}

const LOSSES: Record<string, Loss> = {
  'killed and restored from a state saved after round 1': {
    mark: async (chain, dir) => {
      const file = join(dir, 'after-round-1.json');
      await chain.saveState(file);
      return file;
    },
    lose: async (chain, file) => {
      await chain.halt();
      await chain.restore(file);
    },
  },
  'reorged back to a snapshot taken after round 1': {
    mark: (chain) => rpc<string>(chain.rpcUrl, 'evm_snapshot'),
    lose: async (chain, snapshot) => void (await rpc(chain.rpcUrl, 'evm_revert', [snapshot])),
  },
};

describe('the chain loses a committed round (real processes)', () => {
  it.each(Object.entries(LOSSES))('%s: the coordinator re-sends it, every site finishes, the final model verifies', async (name, loss) => {
    const chain = await RestorableChain.start();
    chains.push(chain);
    const work = join(root, name.split(' ')[0]!);
    const planFile = writeUciPlan(work, 'restore', { sites: SITES, rounds: 3, encryption: 'plaintext', roundDeadlineSeconds: 60 });
    const local = await connectChain(work, { rpcUrl: chain.rpcUrl, ledgerAddress: chain.ledgerAddress, adminKey: devWallet(0).privateKey });
    const kits = await prepareConsortium(loadPlan(planFile), work, local);
    const coordinator = coordinatorProcess(work, kits.coordinator!, planFile, local);
    processes.push(coordinator);
    const round1 = committed(coordinator, 1);
    const round2 = committed(coordinator, 2);
    const finished = coordinator.waitForJson((line) => (line.event === 'finished' ? line : undefined), 180_000);
    // Awaited below in order; marked handled now so an earlier failure does not leave them rejecting unobserved.
    for (const later of [round2, finished]) later.catch(() => undefined);
    const address = await coordinatorAddress(coordinator);
    const sites = SITES.map((id) => siteProcess(work, { id, kitDir: kits[id]!, data: 'uci-heart' }, address, local));
    processes.push(...sites);

    await round1;
    const marked = await loss.mark(chain, work);
    const lostTx = await round2;
    await loss.lose(chain, marked);
    const reader = await connectLedger(chain.rpcUrl, chain.ledgerAddress, devWallet(0).privateKey);
    try {
      const summary = await finished;
      // The coordinator's own reason is in the message when the run did not complete.
      expect({ runState: summary.runState, rounds: summary.rounds }, `finished with ${JSON.stringify(summary)}`).toEqual({ runState: 'COMPLETED', rounds: 3 });
      expect(await Promise.all(sites.map((site) => site.exitWithin(60_000)))).toEqual([0, 0, 0]);
      const log = readFileSync(join(work, 'logs', 'coordinator.log'), 'utf8');
      expect(log).toMatch(/"round":2.*"lostTx":"0x[0-9a-f]{64}".*the chain no longer holds this committed round; sending it again/);
      expect(log).toContain(lostTx);
      expect(await reader.latestRound('1')).toBe(3);

      const siteModel = join(work, 'sites', 'va', 'model');
      expect(existsSync(siteModel)).toBe(true);
      const verified = await verifyModel(siteModel, { rpcUrl: chain.rpcUrl, ledgerAddress: chain.ledgerAddress, runId: '1' });
      expect(verified.problems).toEqual([]);
      expect(verified.verified).toBe(true);
      expect(verified.lineage.rounds.map((round) => round.round)).toEqual([1, 2, 3]);
    } finally {
      reader.provider.destroy();
    }
  }, 240_000);
});
