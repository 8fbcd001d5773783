import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MedflError } from '../../../common/MedflError.ts';
import { dpSgdEpsilon } from '../../../common/privacy/dpSgdEpsilon.ts';
import { PrivacyLedger } from '../../../participant/privacy/PrivacyLedger.ts';

const dir = mkdtempSync(join(tmpdir(), 'medfl-privacy-ledger-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// 200 rows, batch 10: q = 0.05, 20 steps a round (one local epoch).
const training = { optimizer: 'sgd' as const, learningRate: 0.1, batchSize: 10, localEpochs: 1 };
const privacy = (dpSgd: { noiseMultiplier?: number; targetEpsilon?: number }) => ({ encryption: 'plaintext' as const, clipNorm: 1, dpSgd: { maxGradNorm: 1, delta: 1e-5, ...dpSgd } });
const task = (round: number, attempt = 0) => ({ runId: '7', round, attempt });
const epsilonAfter = (steps: number, delta = 1e-5) => dpSgdEpsilon({ samplingRate: 0.05, noiseMultiplier: 1, steps, delta }).epsilon;

function refusal(run: () => unknown): MedflError {
  try {
    run();
  } catch (error) {
    return error as MedflError;
  }
  throw new Error('expected a refusal');
}

describe('PrivacyLedger', () => {
  it('returns the cumulative ε after each training in millionths, rounded up, at the plan\'s δ', () => {
    const ledger = new PrivacyLedger({ file: join(dir, 'a.json'), plan: { privacy: privacy({ noiseMultiplier: 1 }), training, rounds: 5 }, budget: { epsilon: 100, delta: 1e-5 } });
    expect(ledger.reserve(task(1), 200)).toBe(Math.ceil(epsilonAfter(20) * 1e6));
    expect(ledger.reserve(task(2), 200)).toBe(Math.ceil(epsilonAfter(40) * 1e6));
    expect(ledger.trainings().map((t) => [t.round, t.steps, t.samplingRate])).toEqual([[1, 20, 0.05], [2, 20, 0.05]]);
  });

  it('refuses the training that would pass the budget, naming round, ε, budget and δ, and records nothing for it', () => {
    const budget = (epsilonAfter(40) + epsilonAfter(60)) / 2;
    const ledger = new PrivacyLedger({ file: join(dir, 'b.json'), plan: { privacy: privacy({ noiseMultiplier: 1 }), training, rounds: 5 }, budget: { epsilon: budget, delta: 1e-5 } });
    ledger.reserve(task(1), 200);
    ledger.reserve(task(2), 200);
    const error = refusal(() => ledger.reserve(task(3), 200));
    expect(error.code).toBe('PRIVACY_BUDGET_EXHAUSTED');
    expect(error.message).toBe(`round 3 (attempt 0) would take this site's ε to ${epsilonAfter(60).toFixed(4)} at δ = 0.00001, past its budget of ε = ${budget}; the site trains and sends nothing for it`);
    expect(ledger.trainings()).toHaveLength(2);
    expect(refusal(() => ledger.reserve(task(3, 1), 200)).code).toBe('PRIVACY_BUDGET_EXHAUSTED');
  });

  it('survives a restart: a new ledger on the same file counts what the old one recorded', () => {
    const file = join(dir, 'c.json');
    const options = { file, plan: { privacy: privacy({ noiseMultiplier: 1 }), training, rounds: 5 }, budget: { epsilon: (epsilonAfter(20) + epsilonAfter(40)) / 2, delta: 1e-5 } };
    new PrivacyLedger(options).reserve(task(1), 200);
    const restarted = new PrivacyLedger(options);
    expect(restarted.spent()).toBeCloseTo(epsilonAfter(20), 12);
    expect(refusal(() => restarted.reserve(task(2), 200)).code).toBe('PRIVACY_BUDGET_EXHAUSTED');
    expect(JSON.parse(readFileSync(file, 'utf8')).trainings).toHaveLength(1);
  });

  it('counts every attempt it trains, a failed one included: a retried round spends twice', () => {
    const ledger = new PrivacyLedger({ file: join(dir, 'd.json'), plan: { privacy: privacy({ noiseMultiplier: 1 }), training, rounds: 5 }, budget: { epsilon: 100, delta: 1e-5 } });
    ledger.reserve(task(1, 0), 200);
    const retried = ledger.reserve(task(1, 1), 200);
    expect(retried).toBe(Math.ceil(epsilonAfter(40) * 1e6));
    expect(ledger.trainings().map((t) => t.attempt)).toEqual([0, 1]);
  });

  it('with a target ε lets a site whose budget is that target train every round of the plan, and no more', () => {
    const plan = { privacy: privacy({ targetEpsilon: 2 }), training, rounds: 4 };
    const ledger = new PrivacyLedger({ file: join(dir, 'e.json'), plan, budget: { epsilon: 2, delta: 1e-5 } });
    for (let round = 1; round <= 4; round += 1) ledger.reserve(task(round), 200);
    expect(ledger.spent()).toBeLessThanOrEqual(2);
    expect(ledger.spent()).toBeGreaterThan(1.999);
    expect(refusal(() => ledger.reserve(task(5), 200)).code).toBe('PRIVACY_BUDGET_EXHAUSTED');
  });

  it('checks the budget at the budget\'s δ, which may differ from the plan\'s', () => {
    const strict = new PrivacyLedger({ file: join(dir, 'f.json'), plan: { privacy: privacy({ noiseMultiplier: 1 }), training, rounds: 5 }, budget: { epsilon: 100, delta: 1e-9 } });
    strict.reserve(task(1), 200);
    expect(strict.spent()).toBeCloseTo(epsilonAfter(20, 1e-9), 12);
    expect(strict.spent()).toBeGreaterThan(epsilonAfter(20, 1e-5));
  });
});
