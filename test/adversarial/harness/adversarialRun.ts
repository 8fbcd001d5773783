// One consortium on loopback for an adversarial test: a real anvil with RoundLedger, provisioned kits, a coordinator
// and sites as processes, any of them the dishonest script in place of `medfl`. Every process and chain it starts
// is stopped by stopAdversarialRuns (the test file's afterEach).
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadPlan } from '../../../common/plan/loadPlan.ts';
import { devWallet } from '../../../contracts/chain/devAccounts.ts';
import { startChain, type RunningChain } from '../../../contracts/chain/startChain.ts';
import { connectLedger, type LedgerClient } from '../../../contracts/LedgerClient.ts';
import { connectChain, type LocalChain } from '../../../consortium/localChain.ts';
import { coordinatorProcess, logsDir, prepareConsortium, siteProcess } from '../../../consortium/partyProcesses.ts';
import { writeAdversarialPlan, type PlanShape } from './adversarialPlan.ts';
import { PartyProcess, type Party } from './PartyProcess.ts';
import { watchParty, type WatchedParty } from './watchParty.ts';

const PARTIES = resolve(import.meta.dirname, '..', 'parties');

/** A dishonest party: its script in test/adversarial/parties, its attack and the round it strikes. */
export interface Dishonest {
  readonly attack: string;
  readonly round: number;
}

export interface AdversarialRunOptions extends PlanShape {
  readonly name: string;
  /** Sites that run a process (default: every plan site). */
  readonly running?: readonly string[];
  readonly coordinator?: Dishonest;
  readonly site?: Dishonest & { readonly id: string };
  /** More sites running the dishonest-site script (with an attack or a behaviour such as leaving), by site id. */
  readonly siteParties?: Readonly<Record<string, Dishonest>>;
}

export interface AdversarialRun {
  /** The run's folder: plan, kits, coordinator-store, sites/<id> (each site's --out), logs. */
  readonly dir: string;
  readonly planFile: string;
  readonly kits: Readonly<Record<string, string>>;
  readonly runId: string;
  readonly ledger: LedgerClient;
  readonly coordinator: WatchedParty;
  readonly sites: Readonly<Record<string, WatchedParty>>;
  /** The party carrying the attack, if any. */
  readonly dishonest?: WatchedParty;
}

const work = mkdtempSync(join(tmpdir(), 'medfl-adversarial-'));
const started: { stop(): Promise<unknown> }[] = [];

export async function stopAdversarialRuns(): Promise<void> {
  await Promise.all(started.splice(0).reverse().map((thing) => thing.stop()));
}

/** Removes the runs' folders (kits, stores, logs), unless MEDFL_ADVERSARIAL_KEEP=1 asks to keep them for inspection. */
export function removeAdversarialWork(): void {
  if (process.env.MEDFL_ADVERSARIAL_KEEP === '1') return void process.stderr.write(`adversarial runs kept in ${work}\n`);
  rmSync(work, { recursive: true, force: true });
}

/** `dishonest` given: the party's script with its attack flags before the medfl command line; else real `medfl`. */
function spawnParty(name: string, medflArgs: string[], logPath: string, honest: () => Party, dishonest?: Dishonest): WatchedParty {
  const script = join(PARTIES, name === 'coordinator' ? 'dishonestCoordinator.ts' : 'dishonestSite.ts');
  const party = dishonest ? new PartyProcess(name, script, ['--attack', dishonest.attack, '--attack-round', String(dishonest.round), ...medflArgs], logPath) : honest();
  started.push(party);
  return watchParty(party, logPath);
}

async function chainFor(dir: string): Promise<{ running: RunningChain; chain: LocalChain }> {
  const running = await startChain({ port: 0 });
  started.push(running);
  const chain = await connectChain(dir, { rpcUrl: running.rpcUrl, ledgerAddress: running.ledgerAddress, adminKey: devWallet(0).privateKey });
  return { running, chain };
}

/** A port free right now on loopback, so the sites can start alongside the coordinator instead of after it. */
function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export async function startAdversarialRun(options: AdversarialRunOptions): Promise<AdversarialRun> {
  const dir = join(work, options.name);
  const planFile = writeAdversarialPlan(dir, options.name, options);
  const { running, chain } = await chainFor(dir);
  const kits = await prepareConsortium(loadPlan(planFile), dir, chain);
  const chainArgs = ['--rpc', chain.rpcUrl, '--ledger', chain.ledgerAddress];
  const port = await freePort();
  const coordinatorArgs = ['coordinator', '--json', '--kit', kits.coordinator!, '--plan', resolve(planFile), '--store', join(dir, 'coordinator-store'), '--port', String(port), ...chainArgs];
  const coordinator = spawnParty('coordinator', coordinatorArgs, join(logsDir(dir), 'coordinator.log'), () => coordinatorProcess(dir, kits.coordinator!, planFile, chain, port), options.coordinator);
  const address = `127.0.0.1:${port}`;
  const sites: Record<string, WatchedParty> = {};
  for (const id of options.running ?? options.sites) {
    const site = { id, kitDir: kits[id]!, data: 'uci-heart' };
    const siteArgs = ['participant', '--json', '--kit', site.kitDir, '--data', site.data, '--coordinator', address, '--out', join(dir, 'sites', id), ...chainArgs];
    const dishonest = options.site?.id === id ? options.site : options.siteParties?.[id];
    sites[id] = spawnParty(id, siteArgs, join(logsDir(dir), `${id}.log`), () => siteProcess(dir, site, address, chain), dishonest);
  }
  const runId = await coordinator.party.waitForJson((line) => (line.event === 'listening' ? String(line.runId) : undefined), 150_000);
  const ledger = await connectLedger(running.rpcUrl, running.ledgerAddress, devWallet(1).privateKey);
  const dishonest = options.coordinator ? coordinator : options.site ? sites[options.site.id] : undefined;
  return { dir, planFile, kits, runId, ledger, coordinator, sites, ...(dishonest ? { dishonest } : {}) };
}
