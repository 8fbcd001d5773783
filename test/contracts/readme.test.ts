import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startChain, type RunningChain } from '../../contracts/chain/startChain.ts';
import { REPO_ROOT } from '../../datasets/paths.ts';
import { commitModels, type CommittedModels } from './lineage/committedModels.ts';

const CAST_DIR = join(REPO_ROOT, 'node_modules', '@foundry-rs', 'cast-linux-amd64', 'bin');
const README = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'contracts', 'README.md');

/** The `cast ...` lines of the README's sh blocks, in order: the test runs what a reviewer copies. */
function readmeCastCalls(): string[] {
  const blocks = [...readFileSync(README, 'utf8').matchAll(/```sh\n([\s\S]*?)```/g)].map((match) => match[1]!);
  return blocks.flatMap((block) => block.split('\n').filter((line) => line.startsWith('cast ')));
}

// anvil only: cast sends eth_call with both `input` and `data`, which EDR 0.22 refuses ("duplicate field `data`",
// measured), so these reviewer commands are checked against anvil, not Hardhat's node.
describe('contracts/README.md cast calls, against a real anvil', () => {
  let dir: string;
  let chain: RunningChain;
  let models: CommittedModels;
  const env: Record<string, string> = {};
  const sh = (command: string) =>
    execFileSync('bash', ['-c', command], { env: { ...process.env, ...env, PATH: `${CAST_DIR}${delimiter}${process.env.PATH}` }, encoding: 'utf8' });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'medfl-readme-'));
    chain = await startChain({ port: 0 });
    models = await commitModels(chain.rpcUrl, chain.ledgerAddress, dir, 2);
    Object.assign(env, { RPC: chain.rpcUrl, LEDGER: chain.ledgerAddress, MODEL_HASH: models.modelHashes[2]! });
  });

  afterAll(async () => {
    await chain?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('find the runs and round of a model, read its record, run and events, and walk one step back', () => {
    const calls = readmeCastCalls();
    expect(calls).toHaveLength(7);
    const [modelLogs, roundOfModel, getRound, getRun, roundLogs, decode, contributionLogs] = calls as [string, string, string, string, string, string, string];

    const topics = /topics: \[\s*(0x[0-9a-f]{64})\s+(0x[0-9a-f]{64})\s+(0x[0-9a-f]{64})\s+(0x[0-9a-f]{64})/.exec(sh(modelLogs))!;
    expect([BigInt(topics[2]!), BigInt(topics[3]!), topics[4]]).toEqual([BigInt(models.runId), 2n, models.modelHashes[2]]);
    env.RUN_ID = topics[2]!; // as a reviewer copies it: the 32-byte topic, which cast reads as a uint256

    const round = sh(roundOfModel).trim();
    expect(round).toBe('2');
    env.ROUND = round;

    const record = sh(getRound).trim().replace(/^\(|\)$/g, '').replace(/ \[[^\]]*\]/g, '').split(', ');
    expect(record[0]).toBe(models.modelHashes[2]);
    expect(record[3]).toBe(String(3 * 100 + 10 + 20 + 3 * 2));
    env.BLOCK = record[5]!;

    const run = sh(getRun);
    expect(run).toContain(models.planHash);
    expect(run).toContain(models.modelHashes[0]);

    const logs = sh(roundLogs);
    expect(logs).toMatch(/transactionHash: 0x[0-9a-f]{64}/);
    env.DATA = /data: (0x[0-9a-f]+)/.exec(logs)![1]!;

    const [prevModelHash, , , totalExamples, attesters] = sh(decode).trim().split('\n');
    expect(prevModelHash).toBe(models.modelHashes[1]);
    expect(totalExamples).toBe(record[3]);
    for (const site of models.sites) expect(attesters).toContain(site.address);

    const contributions = sh(contributionLogs);
    expect(contributions.match(/transactionHash/g)).toHaveLength(3);
    for (const site of models.sites) expect(contributions).toContain(site.address.slice(2).toLowerCase());
  });
});
