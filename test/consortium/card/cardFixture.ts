// A verified two-round lineage of three registered sites, one of which never contributed, with the plan and
// consortium that name them: the card builders' input without a chain (the CLI test reads a real one).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Hash32 } from '../../../common/canonicalJson.ts';
import type { Consortium } from '../../../common/kit/Consortium.ts';
import { parsePlan } from '../../../common/plan/parsePlan.ts';
import type { Plan } from '../../../common/plan/planSchema.ts';
import type { LineageRound } from '../../../contracts/lineage/Lineage.ts';
import type { ModelVerification } from '../../../contracts/lineage/verifyModel.ts';
import { REPO_ROOT } from '../../../datasets/paths.ts';

export const hash = (digit: string): Hash32 => `0x${digit.repeat(64)}`;
export const ADDRESSES = {
  coordinator: '0x9D95d2fD64bbe02f65333734FEDBF1139364cD1e',
  a: '0x9d0154E845e6325c23402e2156bb786f3dC086F6',
  b: '0x1C3fe311B491A22467E881376d2658F0FAE5E100',
  idle: '0xb6c982F59a9cebc68D68dDd95aB464F3fDAE296B',
} as const;

function round(n: number, prev: Hash32, model: Hash32, epsilonMicros: number): LineageRound {
  return {
    round: n, prevModelHash: prev, modelHash: model, aggregateDigest: hash('d'), contributionsRoot: hash('e'), totalExamples: 300 + n,
    blockNumber: 10 + n, committedAt: `2026-01-0${n}T12:00:00.000Z`, txHash: hash(String(n)),
    attesters: [ADDRESSES.a, ADDRESSES.b], signers: [ADDRESSES.a, ADDRESSES.b],
    contributions: [
      // Contribution records carry the address as the contract logs it: checksummed or not, it is the same account.
      { site: ADDRESSES.a.toLowerCase(), examples: 100, digest: hash('f'), epsilonMicros, consentRoot: hash('0') },
      { site: ADDRESSES.b, examples: 200 + n, digest: hash('c'), epsilonMicros: 2 * epsilonMicros, consentRoot: hash('0') },
    ],
  };
}

export function verification(): ModelVerification {
  const rounds = [round(1, hash('0'), hash('1'), 500_000), round(2, hash('1'), hash('2'), 1_250_000)];
  return {
    modelDir: '/models/final', modelHash: hash('2'), verified: true, checks: [{ check: 'plan', status: 'passed', detail: 'the plan' }], problems: [],
    lineage: {
      ledger: '0x5FbDB2315678afecb367f032d93F642f64180aa3', chainId: 31337, runId: '7', planHash: hash('9'), genesisModelHash: hash('0'),
      coordinator: ADDRESSES.coordinator, quorum: 2, sites: [ADDRESSES.a, ADDRESSES.b, ADDRESSES.idle], sitesHash: hash('8'), rounds, problems: [],
    },
  };
}

/** The demo plan with DP-SGD and a consent purpose, so the card shows both. */
export function plan(): Plan {
  const demo = JSON.parse(readFileSync(join(REPO_ROOT, 'plans', 'demo.json'), 'utf8')) as Record<string, Record<string, unknown>>;
  const dpSgd = { maxGradNorm: 1, delta: 1e-5, noiseMultiplier: 1.1 };
  const dataset = { ...demo.dataset, consentPurposes: ['HRESRCH', 'HMARKT'] };
  return parsePlan({ ...demo, dataset, privacy: { ...demo.privacy, dpSgd }, consortium: { ...demo.consortium, sites: ['site-a', 'site-b', 'site-idle'], minUpdates: 2, quorum: 2 } }, 'the test plan');
}

const FINGERPRINT = Array.from({ length: 32 }, () => 'AB').join(':');
const party = (id: string, address: string) => ({ id, certFingerprint256: FINGERPRINT, signingPublicKey: Buffer.alloc(32).toString('base64'), boxPublicKey: Buffer.alloc(32).toString('base64'), address });

export function consortium(): Consortium {
  return {
    version: 1, name: 'test-consortium', caFingerprint256: FINGERPRINT,
    coordinator: { id: 'coordinator', certFingerprint256: FINGERPRINT, address: ADDRESSES.coordinator },
    sites: [party('site-a', ADDRESSES.a), party('site-b', ADDRESSES.b), party('site-idle', ADDRESSES.idle)],
  };
}
