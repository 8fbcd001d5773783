// The README's "Running a real consortium" block, run as written: each party in its own folder with only its own kit,
// real processes on loopback (coordinator on 127.0.0.2, chain on 127.0.0.5), UCI Cleveland and Hungary, 2 CKKS rounds,
// ending with `medfl verify --consortium --plan --contributions` VERIFIED on a site's saved manifest, the chain pinned at
// provisioning. The README cannot drift from this.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EXIT_WITH_PARENT_ENV } from '../../common/exitWithParent.ts';
import { devWallet } from '../../contracts/chain/devAccounts.ts';
import { REPO_ROOT } from '../../datasets/paths.ts';
import { writeUciPlan } from './uciPlan.ts';

const root = mkdtempSync(join(tmpdir(), 'medfl-distributed-'));
const background = new Map<string, { child: ChildProcess; output: () => string; exit: Promise<number> }>();
const PARTIES = ['coordinator', 'cleveland', 'hungary', 'admin', 'chain'];

afterAll(async () => {
  await Promise.all([...background.values()].map(({ child, exit }) => (child.exitCode === null ? (child.kill('SIGTERM'), exit) : exit)));
  rmSync(root, { recursive: true, force: true });
});

/** The first sh block under the README's "Running a real consortium" heading. */
function readmeBlock(): string[] {
  const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('### Running a real consortium'));
  const block = /```sh\n([\s\S]*?)```/.exec(section)![1]!;
  return block.split('\n').filter((line) => line.trim() && !line.trim().startsWith('#'));
}

function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, host, () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    }).on('error', reject);
  });
}

function environment(): NodeJS.ProcessEnv {
  const bin = join(root, '.bin');
  mkdirSync(bin, { recursive: true });
  symlinkSync(join(REPO_ROOT, 'bin', 'medfl.js'), join(bin, 'medfl'));
  return { ...process.env, PATH: `${bin}:${process.env.PATH}`, VITEST: '', MEDFL_LOG_LEVEL: 'warn', MEDFL_ADMIN_KEY: devWallet(0).privateKey, [EXIT_WITH_PARENT_ENV]: '1' };
}

function start(command: string, env: NodeJS.ProcessEnv): { child: ChildProcess; output: () => string; exit: Promise<number> } {
  const child = spawn('bash', ['-c', `exec ${command}`], { cwd: root, env, stdio: ['pipe', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exit = new Promise<number>((resolve) => child.on('exit', (code) => resolve(code ?? 128)));
  return { child, output: () => output, exit };
}

async function until(what: string, party: ReturnType<typeof start>, pattern: RegExp): Promise<RegExpExecArray> {
  for (let waited = 0; waited < 60_000; waited += 100) {
    const match = pattern.exec(party.output());
    if (match) return match;
    if (party.child.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${what} did not print ${pattern}:\n${party.output()}`);
}

/** The one party folder a medfl command touches: every path argument must lie under it (data and URLs aside). */
function partiesTouched(line: string): Set<string> {
  const paths = line.split(/\s+/).filter((word) => word.includes('/') && !word.includes('://'));
  return new Set(paths.map((path) => path.split('/')[0]!).filter((folder) => PARTIES.includes(folder)));
}

describe('a consortium across machines, as the README runs it', () => {
  it('provisions every party on its own, trains 2 CKKS rounds and verifies a site\'s saved contributions manifest', async () => {
    const [coordinatorPort, chainPort] = [await freePort('127.0.0.2'), await freePort('127.0.0.5')];
    const lines = readmeBlock().map((line) =>
      line.replaceAll('10.0.0.5', '127.0.0.2').replaceAll('10.0.0.7', '127.0.0.5').replaceAll('7443', String(coordinatorPort)).replaceAll('8545', String(chainPort)));
    const plan = readFileSync(writeUciPlan(join(root, '.plans'), 'distributed', { sites: ['cleveland', 'hungary'], rounds: 2, encryption: 'ckks' }));
    for (const party of ['coordinator', 'cleveland', 'hungary']) {
      mkdirSync(join(root, party), { recursive: true });
      writeFileSync(join(root, party, 'plan.json'), plan);
    }
    const env = environment();
    let verified = '';
    for (const line of lines) {
      if (line.startsWith('medfl ')) expect(partiesTouched(line).size, `${line} touches one party's folder`).toBe(1);
      const assignment = /^([A-Z]+)=(\S+)$/.exec(line);
      const backgrounded = /^(.*) & ([A-Z]+)=\$!$/.exec(line);
      const waitFor = /^wait (.*)$/.exec(line);
      if (assignment) {
        const printed = await until('the chain', background.get('CHAIN')!, /ledger\s+(0x[0-9a-fA-F]{40})/);
        expect(printed[1], 'the README gives the ledger address a fresh chain prints').toBe(assignment[2]);
        env[assignment[1]!] = assignment[2];
      } else if (backgrounded) {
        const running = start(backgrounded[1]!, env);
        background.set(backgrounded[2]!, running);
        if (backgrounded[2] === 'CHAIN') await until('the chain', running, /ledger\s+0x/);
        if (backgrounded[2] === 'COORDINATOR') await until('the coordinator', running, /coordinator listening on 127\.0\.0\.2:/);
      } else if (waitFor) {
        for (const name of waitFor[1]!.split(' ').map((word) => word.replace('$', ''))) {
          const running = background.get(name)!;
          expect(await running.exit, `${name}:\n${running.output()}`).toBe(0);
        }
      } else {
        const run = start(line, env);
        expect(await run.exit, `${line}\n${run.output()}`).toBe(0);
        if (line.startsWith('medfl verify')) verified = run.output();
      }
    }
    expect(verified).toContain("2/2 proofs lead to round 2's root");
    for (const check of ['chain', 'attesters', 'quorum', 'coordinator', 'sites', 'plan']) expect(verified).toMatch(new RegExp(`\n  ${check} +ok: `));
    expect(verified).toContain('VERIFIED: the lineage back to the genesis model is sound');
    expect(readFileSync(join(root, 'coordinator', 'store', 'contributions', 'round-2.json'), 'utf8')).toBe(readFileSync(join(root, 'hungary', 'out', 'contributions', 'round-2.json'), 'utf8'));
  }, 300_000);
});
