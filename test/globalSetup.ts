// Once per `vitest run`: one real anvil with the ledger deployed, and an empty folder, for the tests that read a
// finished run (test/helpers/finishedRun.ts). The first such test builds the run on this chain; the rest reuse it. The
// chain lives here, in vitest's main process, because test files run in forks that end with their file.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startChain, type RunningChain } from '../contracts/chain/startChain.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    sharedChain: { rpcUrl: string; ledgerAddress: string };
    sharedRunFolder: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const folder = mkdtempSync(join(tmpdir(), 'medfl-shared-run-'));
  // Started lazily would need a process that outlives the forks; an idle anvil costs about a second and little memory.
  const chain: RunningChain = await startChain({ port: 0 });
  project.provide('sharedChain', { rpcUrl: chain.rpcUrl, ledgerAddress: chain.ledgerAddress });
  project.provide('sharedRunFolder', folder);
  return async () => {
    await chain.stop();
    rmSync(folder, { recursive: true, force: true });
  };
}
