// `medfl run --ui 0` as a user runs it (real chain, coordinator and site processes) watched by a real headless
// Chromium: the page shows round 1, then round 2, live without a reload; it shows the model hashes the chain holds as
// confirmed; neither the page nor /api/status carries key material or a path. MEDFL_UI_SCREENSHOT=1 also saves
// docs/live-run-page.png from this run (how the README's screenshot is made).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, type Browser } from 'puppeteer-core';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { devWallet } from '../../contracts/chain/devAccounts.ts';
import { connectLedger } from '../../contracts/LedgerClient.ts';
import { REPO_ROOT } from '../../datasets/paths.ts';
import { writeUciPlan } from './uciPlan.ts';

const CHROMIUM = '/usr/bin/chromium';
const RUN_LIMIT_MS = 360_000;
const dir = mkdtempSync(join(tmpdir(), 'medfl-live-page-'));
let run: ChildProcess | undefined;
let browser: Browser | undefined;

afterAll(async () => {
  await browser?.close();
  if (run && run.exitCode === null) run.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
});

/** `medfl run --json --ui 0` on the shared chain; resolves with the page's URL (stderr) and the run's result (stdout). */
function startRun(planFile: string, workDir: string): { url: Promise<string>; result: Promise<{ code: number; stdout: string }> } {
  const chain = inject('sharedChain');
  const args = ['run', '--json', '--plan', planFile, '--data', 'uci-heart', '--work', workDir, '--ui', '0',
    '--rpc', chain.rpcUrl, '--ledger', chain.ledgerAddress, '--admin-key', devWallet(0).privateKey];
  const child = spawn(process.execPath, [join(REPO_ROOT, 'bin', 'medfl.js'), ...args], {
    cwd: REPO_ROOT, env: { ...process.env, VITEST: '', MEDFL_LOG_LEVEL: 'warn' }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  run = child;
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  const url = new Promise<string>((resolve, reject) => {
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const found = /live run page: (\S+)/.exec(stderr);
      if (found) resolve(found[1]!);
    });
    child.on('close', () => reject(new Error(`medfl run ended before serving its page: ${stderr}`)));
  });
  const result = new Promise<{ code: number; stdout: string }>((resolve) => child.on('close', (code) => resolve({ code: code ?? -1, stdout })));
  return { url, result };
}

/** Every secret a kit of this run holds (*.key files, whole and each PEM or hex line of them). */
function kitSecrets(kitsDir: string): string[] {
  const secrets: string[] = [];
  for (const party of readdirSync(kitsDir, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name)) {
    for (const file of readdirSync(join(kitsDir, party)).filter((name) => name.endsWith('.key'))) {
      const text = readFileSync(join(kitsDir, party, file), 'utf8').trim();
      secrets.push(text, ...text.split('\n').map((line) => line.trim().replace(/^0x/, '')).filter((line) => line.length >= 32 && !line.startsWith('-----')));
    }
  }
  return secrets;
}

// In the page, after its first load: remembers which committed rounds each update showed. A reload would wipe it.
const RECORD_ROUNDS = `(() => {
  window.medflFirstLoad = true;
  window.medflSeen = [];
  const note = () => {
    const rounds = [...document.querySelectorAll('tr[data-round]')].map((row) => row.dataset.round).join(',');
    if (window.medflSeen.at(-1) !== rounds) window.medflSeen.push(rounds);
  };
  note();
  new MutationObserver(note).observe(document.getElementById('run'), { childList: true, subtree: true });
})()`;

describe('medfl run --ui', () => {
  it('serves a page a real browser sees fill in round by round, with the hashes the chain holds and no secrets', async () => {
    const planFile = writeUciPlan(dir, 'live-page', { sites: ['cleveland', 'hungary'], rounds: 2, encryption: 'plaintext' });
    const workDir = join(dir, 'run');
    const started = startRun(planFile, workDir);
    const url = await started.url;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    browser = await launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--headless=new'] });
    const page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 900 });
    await page.goto(url, { waitUntil: 'load' });
    await page.evaluate(RECORD_ROUNDS);

    await page.waitForSelector('tr[data-round="1"] [data-verification="confirmed"]', { timeout: RUN_LIMIT_MS });
    const statusJson = await (await fetch(new URL('api/status', url))).text();
    // Mid-run, so the picture shows the open round and the connected sites too.
    if (process.env.MEDFL_UI_SCREENSHOT) await page.screenshot({ path: join(REPO_ROOT, 'docs', 'live-run-page.png'), fullPage: true });
    await page.waitForSelector('tr[data-round="2"] [data-verification="confirmed"]', { timeout: RUN_LIMIT_MS });
    await page.waitForSelector('[data-run-state="COMPLETED"]', { timeout: 30_000 });
    const html = await page.content();
    const text = await page.$eval('main', (main) => (main as unknown as { innerText: string }).innerText);
    const seen = (await page.evaluate('window.medflSeen')) as string[];
    expect(await page.evaluate('window.medflFirstLoad')).toBe(true);
    expect(seen).toContain('1');
    expect(seen.indexOf('1')).toBeLessThan(seen.indexOf('1,2'));
    expect(await page.$$eval('[data-verification]', (cells) => cells.map((cell) => (cell as unknown as { dataset: { verification: string } }).dataset.verification))).toEqual(['confirmed', 'confirmed']);

    const { code, stdout } = await started.result;
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as { runId: string; rounds: { round: number; modelHash: string }[] };
    const chain = inject('sharedChain');
    const ledger = await connectLedger(chain.rpcUrl, chain.ledgerAddress, devWallet(0).privateKey);
    for (const round of [1, 2]) {
      const onChain = await ledger.getRound(result.runId, round);
      expect(onChain?.modelHash).toBe(result.rounds[round - 1]!.modelHash);
      expect(text).toContain(onChain!.modelHash);
    }
    ledger.provider.destroy();

    const status = JSON.parse(statusJson) as { runId: string; rounds: { round: number }[] };
    expect(status.runId).toBe(result.runId);
    expect(status.rounds.map((round) => round.round)).toContain(1);
    for (const served of [html, statusJson]) {
      for (const secret of kitSecrets(join(workDir, 'kits'))) expect(served).not.toContain(secret);
      for (const path of [dir, workDir, REPO_ROOT, tmpdir()]) expect(served).not.toContain(path);
      expect(served).not.toMatch(/PRIVATE KEY|\.key\b|kits\//);
    }
  }, RUN_LIMIT_MS + 60_000);
});
