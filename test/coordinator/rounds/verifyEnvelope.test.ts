import nacl from 'tweetnacl';
import { describe, expect, it } from 'vitest';
import type { ConsortiumSite } from '../../../common/kit/Consortium.ts';
import { signEnvelope } from '../../../common/wire/envelopeSigning.ts';
import type { RoundTask } from '../../../common/wire/protocolTypes.ts';
import { verifyEnvelope, type EnvelopeContext } from '../../../coordinator/rounds/verifyEnvelope.ts';
import { NO_CONSENT_ROOT } from '../../../common/consent/consentTree.ts';

const keys = nacl.sign.keyPair.fromSeed(new Uint8Array(32).fill(3));
const peer: ConsortiumSite = {
  id: 'site-a', certFingerprint256: '', signingPublicKey: Buffer.from(keys.publicKey).toString('base64'), boxPublicKey: '', address: '0x0000000000000000000000000000000000000001',
};
const task: RoundTask = {
  runId: 'run-1', round: 2, attempt: 0, planHash: `0x${'a'.repeat(64)}`, prevModelHash: `0x${'b'.repeat(64)}`, deadlineUnixMs: 0,
  minUpdates: 1, codecId: 'ckks-x', chunkCount: 3, expectedSites: ['site-a'], proximalMu: 0, keyHolders: [],
};
const fields = { runId: 'run-1', round: 2, attempt: 0, site: 'site-a', examples: 9, codecId: 'ckks-x', digest: `0x${'c'.repeat(64)}` as const, chunkCount: 3, maskedFingerprint: new Uint8Array(0), epsilonMicros: 0, consentRoot: NO_CONSENT_ROOT };
const context: EnvelopeContext = { peer, task, roundState: 'COLLECTING', taken: new Set<string>(), exampleCap: 200 };
const check = (changes: Partial<typeof fields>, ctx = context) => () => verifyEnvelope(signEnvelope({ ...fields, ...changes }, keys.secretKey), ctx);

describe('verifyEnvelope', () => {
  it('accepts a well-formed envelope of the open round', () => {
    expect(check({})).not.toThrow();
  });

  it('refuses, under threshold CKKS, an upload from a site that held no key shares when the attempt opened with KEY_SHARES_MISSING', () => {
    const threshold = { ...context, keyHoldersOnly: true };
    expect(check({}, { ...threshold, task: { ...task, keyHolders: ['site-b'] } })).toThrow(expect.objectContaining({ code: 'KEY_SHARES_MISSING' }));
    expect(check({}, { ...threshold, task: { ...task, keyHolders: ['site-a'] } })).not.toThrow();
    expect(check({}, { ...context, task: { ...task, keyHolders: [] } })).not.toThrow();
  });

  it('refuses each kind of bad envelope with its own code', () => {
    expect(check({ site: 'site-b' })).toThrow(expect.objectContaining({ code: 'IDENTITY_MISMATCH' }));
    const tampered = { ...signEnvelope(fields, keys.secretKey), examples: 10_000 };
    expect(() => verifyEnvelope(tampered, context)).toThrow("the update envelope's ed25519 signature does not verify with site-a's signing key");
    expect(check({ round: 1 })).toThrow(expect.objectContaining({ code: 'ROUND_MISMATCH' }));
    expect(check({ attempt: 1 })).toThrow(expect.objectContaining({ code: 'ROUND_MISMATCH' }));
    expect(check({}, { ...context, roundState: 'ATTESTING' })).toThrow('round 2 is ATTESTING and takes no more updates');
    expect(check({}, { ...context, taken: new Set(['site-a']) })).toThrow('site site-a already submitted an update for round 2');
    expect(check({ codecId: 'plain' })).toThrow(expect.objectContaining({ code: 'CODEC_ID_MISMATCH' }));
    expect(check({ chunkCount: 4 })).toThrow("the update announces 4 ciphertexts but this run's updates have 3");
    expect(check({ examples: 0 })).toThrow('the update claims 0 examples; a site weights its update by a positive integer');
    expect(check({ examples: 1.5 })).toThrow(expect.objectContaining({ code: 'UPDATE_INVALID' }));
  });

  it("refuses an envelope claiming more examples than the plan's cap with EXAMPLES_OVER_CAP, naming site, claim and cap", () => {
    expect(check({ examples: 200 })).not.toThrow();
    expect(check({ examples: 201 })).toThrow(expect.objectContaining({
      code: 'EXAMPLES_OVER_CAP', message: "site site-a's update claims 201 examples; the plan caps a site at 200", details: { site: 'site-a', examples: 201, cap: 200 },
    }));
    // Far past the prime's room: the refusal comes from the cap, not from a wrapped sum later.
    expect(check({ examples: 100_000_000 })).toThrow(expect.objectContaining({ code: 'EXAMPLES_OVER_CAP' }));
  });

  it('refuses, under a plan without DP-SGD, an update declaring any ε spent with UPDATE_INVALID naming site and spend', () => {
    expect(check({ epsilonMicros: 0 })).not.toThrow();
    expect(check({ epsilonMicros: 1 })).toThrow(expect.objectContaining({
      code: 'UPDATE_INVALID', message: "site site-a's update declares an ε of 0.000001, but the plan has no DP-SGD, so its updates must declare 0", details: { site: 'site-a', epsilonMicros: 1 },
    }));
    expect(check({ epsilonMicros: 3_000_000 }, { ...context, dpSgd: false })).toThrow(expect.objectContaining({ code: 'UPDATE_INVALID' }));
  });

  it('accepts, under DP-SGD, a positive whole number of millionths; refuses none spent, a negative, a fraction or one past 2^53', () => {
    const dp = { ...context, dpSgd: true };
    expect(check({ epsilonMicros: 2_718_282 }, dp)).not.toThrow();
    expect(check({ epsilonMicros: 0 }, dp)).toThrow(expect.objectContaining({
      code: 'UPDATE_INVALID', message: "site site-a's update declares no ε spent, but the plan trains with DP-SGD, so every update spends some; the site must report its cumulative ε",
    }));
    for (const epsilonMicros of [-1, 0.5, 2 ** 53]) {
      expect(check({ epsilonMicros }, dp)).toThrow(expect.objectContaining({
        code: 'UPDATE_INVALID', message: `site site-a's update declares ${epsilonMicros} as its ε in millionths; it must be a non-negative integer below 2^53`,
      }));
    }
  });

  it('checks the spend after the signature: a changed ε is a forged envelope, whatever the plan', () => {
    const signed = signEnvelope({ ...fields, epsilonMicros: 2_000_000 }, keys.secretKey);
    expect(() => verifyEnvelope({ ...signed, epsilonMicros: 1_000_000 }, { ...context, dpSgd: true })).toThrow(expect.objectContaining({ code: 'SIGNATURE_INVALID' }));
  });
});
