// The parties of a local consortium: provisioned kits, and the coordinator and site nodes as `medfl` processes.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Plan } from '../common/plan/planSchema.ts';
import type { PrivacyBudget } from '../common/privacy/privacyBudget.ts';
import { assembleConsortium } from './assembleConsortium.ts';
import type { LocalChain } from './localChain.ts';
import { MedflProcess } from './MedflProcess.ts';

/** Kits for every party, assembled for the plan, with the coordinator enrolled on the local chain. */
export async function prepareConsortium(plan: Plan, workDir: string, chain: LocalChain, privacyBudget?: PrivacyBudget): Promise<Readonly<Record<string, string>>> {
  const enrolCoordinator = (address: string) => chain.authorizeCoordinator(address);
  const assembled = await assembleConsortium({ plan, outDir: join(workDir, 'kits'), enrolCoordinator, ...(privacyBudget ? { privacyBudget } : {}) });
  return assembled.kitDirs;
}

const chainArgs = (chain: LocalChain) => ['--rpc', chain.rpcUrl, '--ledger', chain.ledgerAddress];

export function logsDir(workDir: string): string {
  const dir = join(workDir, 'logs');
  mkdirSync(dir, { recursive: true });
  return dir;
}

/**
 * `medfl coordinator` with its store in `workDir/coordinator-store` (a restart on the same port resumes it); with
 * `uiPort`, it also serves the live run page there.
 */
export function coordinatorProcess(workDir: string, kitDir: string, planFile: string, chain: LocalChain, port = 0, uiPort?: number): MedflProcess {
  const args = ['coordinator', '--json', '--kit', kitDir, '--plan', resolve(planFile), '--store', join(workDir, 'coordinator-store'), '--port', String(port)];
  const ui = uiPort === undefined ? [] : ['--ui', String(uiPort)];
  return new MedflProcess('coordinator', [...args, ...ui, ...chainArgs(chain)], join(logsDir(workDir), 'coordinator.log'));
}

/** Resolves once the coordinator listens: its host:port, and its live run page's URL if it serves one. */
export function coordinatorListening(coordinator: MedflProcess, timeoutMs = 60_000): Promise<{ address: string; ui?: string }> {
  return coordinator.waitForJson((line) => {
    if (line.event !== 'listening') return undefined;
    return { address: String(line.address), ...(typeof line.ui === 'string' ? { ui: line.ui } : {}) };
  }, timeoutMs);
}

/** Resolves with the coordinator's host:port once it listens. */
export async function coordinatorAddress(coordinator: MedflProcess, timeoutMs = 60_000): Promise<string> {
  return (await coordinatorListening(coordinator, timeoutMs)).address;
}

/** `medfl participant` for one site; its global models and metrics go to `workDir/sites/<id>`. */
export function siteProcess(workDir: string, site: { id: string; kitDir: string; data: string }, address: string, chain: LocalChain): MedflProcess {
  const args = ['participant', '--json', '--kit', site.kitDir, '--data', site.data, '--coordinator', address, '--out', join(workDir, 'sites', site.id)];
  return new MedflProcess(site.id, [...args, ...chainArgs(chain)], join(logsDir(workDir), `${site.id}.log`));
}
