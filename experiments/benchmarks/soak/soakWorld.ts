// The soak's consortium: N synthetic hospitals, the demo's small model on threshold CKKS, an embedded chain, every
// party's kit, and a ledger reader for the on-chain checks.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePlan } from '../../../common/plan/parsePlan.ts';
import type { Plan } from '../../../common/plan/planSchema.ts';
import { devWallet } from '../../../contracts/chain/devAccounts.ts';
import { startChain, type RunningChain } from '../../../contracts/chain/startChain.ts';
import { connectLedger, type LedgerClient } from '../../../contracts/LedgerClient.ts';
import { connectChain, type LocalChain } from '../../../consortium/localChain.ts';
import { prepareConsortium } from '../../../consortium/partyProcesses.ts';
import { REPO_ROOT } from '../../../datasets/paths.ts';
import { generateConsortium } from '../../../datasets/synthetic/generateConsortium.ts';

export interface SoakWorldOptions {
  readonly dir: string;
  readonly sites: number;
  readonly rounds: number;
  readonly patientsPerSite: number;
  readonly roundDeadlineSeconds: number;
}

export interface SoakWorld {
  readonly dir: string;
  readonly dataDir: string;
  readonly plan: Plan;
  readonly planFile: string;
  readonly chain: LocalChain;
  readonly ledger: LedgerClient;
  readonly kitDirs: Readonly<Record<string, string>>;
  stop(): Promise<void>;
}

/**
 * plans/demo.json (an MLP with 16 hidden units, ~550 weights) for N hospitals: one absent site is tolerated
 * (minUpdates N-1), a majority attests, and a failed attempt is retried.
 */
export function soakPlan(sites: number, rounds: number, roundDeadlineSeconds: number): Plan {
  const demo = JSON.parse(readFileSync(join(REPO_ROOT, 'plans', 'demo.json'), 'utf8')) as Record<string, Record<string, unknown>>;
  return parsePlan(
    {
      ...demo,
      name: `soak-${sites}x${rounds}`,
      rounds,
      consortium: {
        ...demo.consortium,
        sites: Array.from({ length: sites }, (_, i) => `hospital-${i + 1}`),
        minUpdates: sites - 1,
        quorum: Math.floor(sites / 2) + 1,
        roundDeadlineSeconds,
        onRoundFailure: 'retry',
        maxRetries: 3,
      },
    },
    'soak plan',
  );
}

export async function soakWorld(options: SoakWorldOptions): Promise<SoakWorld> {
  const dataDir = join(options.dir, 'hospitals');
  generateConsortium({ out: dataDir, hospitals: options.sites, patients: options.patientsPerSite, seed: 7 });
  const plan = soakPlan(options.sites, options.rounds, options.roundDeadlineSeconds);
  const planFile = join(options.dir, 'plan.json');
  writeFileSync(planFile, JSON.stringify(plan));
  const running: RunningChain = await startChain({ port: 0 });
  try {
    const chain = await connectChain(options.dir, { rpcUrl: running.rpcUrl, ledgerAddress: running.ledgerAddress, adminKey: devWallet(0).privateKey });
    const kitDirs = await prepareConsortium(plan, options.dir, chain);
    const ledger = await connectLedger(running.rpcUrl, running.ledgerAddress, devWallet(1).privateKey);
    return { dir: options.dir, dataDir, plan, planFile, chain, ledger, kitDirs, stop: () => running.stop() };
  } catch (error) {
    await running.stop();
    throw error;
  }
}
