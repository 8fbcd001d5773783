import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { OperationOutcome, RiskAssessment } from 'fhir/r4.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../datasets/paths.ts';
import { openBedsideModel } from '../../inference/openBedsideModel.ts';
import { predictRisk } from '../../inference/predictRisk.ts';
import { FINISHED_RUN_TIMEOUT_MS, finishedRun, type FinishedRun } from '../helpers/finishedRun.ts';
import { patientBundle, patientResources, type PatientResources } from '../helpers/patientFhir.ts';
import { runCli } from '../helpers/runCli.ts';
import { validateFhir } from '../helpers/validateFhir.ts';

const SITE = 'hospital-1';

interface Served {
  readonly child: ChildProcess;
  readonly url: string;
  readonly exit: Promise<{ code: number | null; stdout: string }>;
}

let run: FinishedRun;
let dir: string;
let patient: PatientResources;
let served: Served;

const serveArgs = (modelDir: string) => ['serve', modelDir, '--port', '0', '--json', '--plan', run.planFile, '--standardisation', run.siteDirs[SITE]!, '--rpc', run.rpcUrl, '--ledger', run.ledgerAddress];

/** `medfl serve` as a child process, resolved once it prints the URL it listens on. */
function startServe(): Promise<Served> {
  const child = spawn(process.execPath, [join(REPO_ROOT, 'bin', 'medfl.js'), ...serveArgs(run.finalModelDir)], { cwd: REPO_ROOT, env: { ...process.env, VITEST: '', MEDFL_LOG_LEVEL: 'warn' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exit = new Promise<{ code: number | null; stdout: string }>((resolve) => child.on('close', (code) => resolve({ code, stdout })));
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const line = stdout.split('\n').find((text) => text.includes('"serving"'));
      if (line) resolve({ child, url: (JSON.parse(line) as { url: string }).url, exit });
    });
    void exit.then(({ code }) => reject(new Error(`medfl serve exited ${code}: ${stderr}`)));
  });
}

beforeAll(async () => {
  run = await finishedRun();
  dir = mkdtempSync(join(tmpdir(), 'medfl-cli-serve-'));
  patient = patientResources(join(run.dataDir, SITE));
  served = await startServe();
}, FINISHED_RUN_TIMEOUT_MS);

afterAll(() => {
  if (served?.child.exitCode === null) served.child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

const post = (body: string, path = '/$predict') => fetch(`${served.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/fhir+json' }, body });

async function outcomeOf(response: Response): Promise<string | undefined> {
  const outcome = (await response.json()) as OperationOutcome;
  expect(outcome.resourceType).toBe('OperationOutcome');
  return outcome.issue[0]?.details?.text;
}

describe('medfl serve (a real HTTP server on the shared finished run)', () => {
  it('answers GET /health with the model it verified on chain', async () => {
    const response = await fetch(`${served.url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok', modelHash: run.finalModelHash, runId: run.runId, round: 2, ledger: run.ledgerAddress });
  });

  it("answers a patient's Bundle with the RiskAssessment medfl predict computes", async () => {
    const bundle = patientBundle([patient.patient, ...patient.observations]);
    const response = await post(JSON.stringify(bundle));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/fhir+json');
    const assessment = (await response.json()) as RiskAssessment;
    validateFhir(assessment);
    const model = await openBedsideModel({ modelDir: run.finalModelDir, planFile: run.planFile, standardisation: run.siteDirs[SITE]!, chain: { rpcUrl: run.rpcUrl, ledgerAddress: run.ledgerAddress } });
    expect(assessment).toEqual((await predictRisk(model, { bundle, label: 'bundle' })).riskAssessment);
  });

  it('answers bad requests with an OperationOutcome naming the problem', async () => {
    const notJson = await post('{"resourceType": "Bundle",');
    expect(notJson.status).toBe(400);
    expect(await outcomeOf(notJson)).toBe('REQUEST_INVALID');
    const notBundle = await post(JSON.stringify(patient.patient));
    expect(notBundle.status).toBe(400);
    expect(((await notBundle.json()) as OperationOutcome).issue[0]?.diagnostics).toBe('the request body is a Patient; POST a FHIR Bundle holding the patient and their vital-sign Observations');
    const noVitals = await post(JSON.stringify(patientBundle([patient.patient])));
    expect(noVitals.status).toBe(422);
    expect(await outcomeOf(noVitals)).toBe('VITALS_MISSING');
    const tooLarge = await post(' '.repeat(2 << 20));
    expect(tooLarge.status).toBe(413);
    expect(await outcomeOf(tooLarge)).toBe('REQUEST_TOO_LARGE');
    const wrongMethod = await fetch(`${served.url}/$predict`);
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('POST');
    expect((await post('{}', '/RiskAssessment')).status).toBe(404);
  });

  it('refuses to start with a model that does not verify on chain (one weight changed)', async () => {
    const tampered = join(dir, 'tampered');
    cpSync(run.finalModelDir, tampered, { recursive: true });
    const weights = readFileSync(join(tampered, 'weights.bin'));
    weights.writeFloatLE(weights.readFloatLE(4) * 1.01, 4);
    writeFileSync(join(tampered, 'weights.bin'), weights);
    const cli = await runCli(serveArgs(tampered));
    expect(cli.code).toBe(4);
    expect(cli.stderr).toMatch(/^medfl: MODEL_NOT_VERIFIED: refusing model .*tampered: model hash 0x[0-9a-f]{64} is unknown to the ledger at 0x[0-9a-fA-F]{40}: no round committed this model/);
  });

  it('stops cleanly on SIGTERM, reporting what it answered', async () => {
    served.child.kill('SIGTERM');
    const { code, stdout } = await served.exit;
    expect(code).toBe(0);
    const stopped = JSON.parse(stdout.trim().split('\n').at(-1)!) as { event: string; signal: string; answered: Record<string, number> };
    expect(stopped).toMatchObject({ event: 'stopped', signal: 'SIGTERM' });
    expect(stopped.answered['200']).toBe(2);
  });
});
