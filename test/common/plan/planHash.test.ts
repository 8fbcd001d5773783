import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { canonicalJson, sha256Hex } from '../../../common/canonicalJson.ts';
import { parsePlan } from '../../../common/plan/parsePlan.ts';
import { planHash } from '../../../common/plan/planHash.ts';
import { REPO_ROOT } from '../../../datasets/paths.ts';

const text = readFileSync(join(REPO_ROOT, 'plans', 'uci-heart-fedavg.json'), 'utf8');
const parse = (value: unknown) => parsePlan(value, 'plan');

/** Rebuilds an object with its keys in reverse order, recursively. */
function reversed(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversed);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reversed(v)]));
  return value;
}

describe('planHash', () => {
  const plan = parse(JSON.parse(text));

  it('is sha256 over the RFC 8785 canonical JSON of the validated plan', () => {
    expect(planHash(plan)).toBe(sha256Hex(Buffer.from(canonicalJson(plan), 'utf8')));
    expect(canonicalJson(plan).startsWith('{"consortium":{"maxExamplesPerSite":200,"maxRetries":2,"minUpdates":4,')).toBe(true);
  });

  it('ignores key order and whitespace', () => {
    expect(planHash(parse(reversed(JSON.parse(text))))).toBe(planHash(plan));
    expect(planHash(parse(JSON.parse(JSON.stringify(JSON.parse(text)))))).toBe(planHash(plan));
  });

  it('treats an omitted default like the spelled-out default', () => {
    const spelled = JSON.parse(text);
    spelled.consortium.maxRetries = 0;
    const omitted = JSON.parse(text);
    delete omitted.consortium.maxRetries;
    expect(planHash(parse(omitted))).toBe(planHash(parse(spelled)));
  });

  it('keeps the hash of a plan written before the per-site example cap existed: no default is filled in', () => {
    const value = JSON.parse(text);
    delete value.consortium.maxExamplesPerSite;
    const parsed = parse(value);
    expect('maxExamplesPerSite' in parsed.consortium).toBe(false);
    expect(planHash(parsed)).toBe(sha256Hex(Buffer.from(canonicalJson(value), 'utf8')));
  });

  it('changes with any setting', () => {
    const value = JSON.parse(text);
    value.training.learningRate = 0.0011;
    expect(planHash(parse(value))).not.toBe(planHash(plan));
  });
});
