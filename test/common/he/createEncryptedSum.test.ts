import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chooseCkksParameters } from '../../../common/he/ckksParameters.ts';
import { generateCkksSecretKey } from '../../../common/he/ckksSecretKey.ts';
import { createCkksCodec } from '../../../common/he/createCkksCodec.ts';
import { createCkksAggregation, createEncryptedSum } from '../../../common/he/createEncryptedSum.ts';
import { seededRandom } from '../../../common/seededRandom.ts';
import { REPO_ROOT, TYPESCRIPT_LOADER } from '../../../datasets/paths.ts';

describe('createEncryptedSum', () => {
  it('holds no key: it has no decrypt, and the aggregate opened with another key is garbage', async () => {
    const params = chooseCkksParameters({ parameterCount: 5000, maxSites: 3, clipNorm: 1, maxExamples: 50 });
    const siteCodec = await createCkksCodec(params, await generateCkksSecretKey(params));
    const sum = await createEncryptedSum(params);
    expect(Object.keys(sum).sort()).toEqual(['aggregateChunk', 'checkFingerprint', 'chunkCount', 'codecId', 'dispose', 'foldUpdate', 'serialize', 'updates', 'validateChunk']);
    expect(createEncryptedSum.length).toBe(1); // parameters only: there is no key argument to give it
    const random = seededRandom(3, 'keyless');
    const update = Float32Array.from({ length: 5000 }, () => random.float() - 0.5);
    sum.foldUpdate([...siteCodec.encryptUpdate(update, 10)]);
    const aggregate = sum.serialize();
    const right = siteCodec.decryptAggregate(aggregate, 10);
    const outsider = await createCkksCodec(params, await generateCkksSecretKey(params));
    const wrong = outsider.decryptAggregate(aggregate, 10);
    const err = (got: Float32Array) => Math.max(...got.map((v, i) => Math.abs(v - (update[i] ?? 0))));
    expect(err(right)).toBeLessThan(1e-6);
    const close = wrong.filter((v, i) => Math.abs(v - (update[i] ?? 0)) < 0.01).length;
    expect(close / update.length).toBeLessThan(0.01);
    expect(err(wrong)).toBeGreaterThan(100);
    for (const disposable of [sum, siteCodec, outsider]) disposable.dispose();
  });

  it('folds atomically: a bad last chunk leaves the sum as it was', async () => {
    const params = chooseCkksParameters({ parameterCount: 9000, maxSites: 3, clipNorm: 1, maxExamples: 50 });
    const codec = await createCkksCodec(params, await generateCkksSecretKey(params));
    const sum = await createEncryptedSum(params);
    const update = new Float32Array(9000).fill(0.125);
    const chunks = [...codec.encryptUpdate(update, 2)];
    sum.foldUpdate(chunks);
    const broken = chunks.map((chunk, i) => (i === chunks.length - 1 ? chunk.subarray(0, 100) : chunk));
    expect(() => sum.foldUpdate(broken)).toThrow(expect.objectContaining({ code: 'CIPHERTEXT_TRUNCATED' }));
    sum.foldUpdate(chunks);
    expect(sum.updates).toBe(2);
    expect(codec.decryptAggregate(sum.serialize(), 4).every((v) => Math.abs(v - 0.125) < 1e-6)).toBe(true);
    sum.foldUpdate(chunks);
    expect(() => sum.foldUpdate(chunks)).toThrow(`the sum already holds 3 updates, the most codec ${params.codecId} allows`);
    sum.dispose();
    codec.dispose();
  });

  it('refuses an envelope\'s masked fingerprint that is not 4 values below the prime, and takes one that is', async () => {
    const params = chooseCkksParameters({ parameterCount: 3000, maxSites: 3, clipNorm: 1, maxExamples: 50 });
    const sum = await createEncryptedSum(params);
    sum.checkFingerprint(new Uint8Array(32));
    expect(() => sum.checkFingerprint(new Uint8Array(0))).toThrow(expect.objectContaining({
      code: 'UPDATE_INVALID', message: "the envelope's masked fingerprint is 0 bytes; a masked fingerprint is 4 values of 8 bytes (32)",
    }));
    expect(() => sum.checkFingerprint(new Uint8Array(32).fill(0xff))).toThrow("the envelope's masked fingerprint has value 0 at or above the prime");
    sum.dispose();
  });

  it('gives the coordinator independent empty sums from one shared context', async () => {
    const params = chooseCkksParameters({ parameterCount: 3000, maxSites: 3, clipNorm: 1, maxExamples: 50 });
    const codec = await createCkksCodec(params, await generateCkksSecretKey(params));
    const aggregation = await createCkksAggregation(params);
    const [first, second] = [aggregation.createSum(), aggregation.createSum()];
    first.foldUpdate([...codec.encryptUpdate(new Float32Array(3000).fill(0.5), 2)]);
    second.foldUpdate([...codec.encryptUpdate(new Float32Array(3000).fill(-0.25), 4)]);
    first.dispose(); // a sum's dispose leaves the shared context to the aggregation
    expect(codec.decryptAggregate(second.serialize(), 4)[2999]).toBeCloseTo(-0.25, 6);
    expect(second.updates).toBe(1);
    second.dispose();
    aggregation.dispose();
    codec.dispose();
  });

  it('keeps RSS flat while encrypting and folding 10,000 ciphertexts (in a process of its own)', () => {
    const script = join(REPO_ROOT, 'test', 'common', 'he', 'helpers', 'foldManyCiphertexts.ts');
    const output = execFileSync(process.execPath, ['--import', TYPESCRIPT_LOADER, script], { encoding: 'utf8', timeout: 90_000 });
    const run = JSON.parse(output.trim().split('\n').at(-1)!) as { ciphertexts: number; chunkCount: number; ringDegree: number; growthMb: number; worstError: number };
    expect(run.ciphertexts).toBe(10_000);
    console.info(`HE memory test: ${run.chunkCount} chunks × ${10_000 / run.chunkCount} updates at N=${run.ringDegree}, RSS growth ${run.growthMb.toFixed(1)} MB`);
    expect(run.growthMb).toBeLessThan(25);
    expect(run.worstError).toBeLessThan(1e-4 + 2 ** -26);
  }, 120_000);
});
