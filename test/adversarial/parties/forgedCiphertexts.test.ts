// The dishonest coordinator's ciphertexts decrypt as it intends under a site's real key: a trivial ciphertext to the
// attacker's mean, a re-fold with one update twice to that sum. Pure HE, no processes.
import { afterAll, describe, expect, it } from 'vitest';
import { chooseCkksParameters } from '../../../common/he/ckksParameters.ts';
import { generateCkksSecretKey } from '../../../common/he/ckksSecretKey.ts';
import { createCkksAggregation } from '../../../common/he/createEncryptedSum.ts';
import { createCkksCodec } from '../../../common/he/createCkksCodec.ts';
import { refold, trivialCiphertexts } from './forgedCiphertexts.ts';

const params = chooseCkksParameters({ parameterCount: 14, maxSites: 3, clipNorm: 5, maxExamples: 100_000 });
const codec = createCkksCodec(params, await generateCkksSecretKey(params));
afterAll(async () => (await codec).dispose());

describe('forged ciphertexts', () => {
  it('a trivial ciphertext (c1 = 0) built without any key decrypts to the attacker\'s mean', async () => {
    const mean = Float32Array.from({ length: 14 }, (_, i) => 0.25 - i / 100);
    const decrypted = (await codec).decryptAggregate(await trivialCiphertexts(params, mean, 456), 456);
    expect([...decrypted].map((value, i) => Math.abs(value - mean[i]!)).every((error) => error < 1e-5)).toBe(true);
  });

  it('a re-fold of more updates than the codec\'s sites (one counted twice) decrypts to that weighted sum', async () => {
    const site = await codec;
    const [a, b, c] = [1, -1, 2].map((value) => [...site.encryptUpdate(new Float32Array(14).fill(value), 10)]);
    const aggregation = await createCkksAggregation(params);
    const mean = site.decryptAggregate(await refold(aggregation, params, [a!, b!, c!, c!]), 40);
    aggregation.dispose();
    expect(mean[0]).toBeCloseTo((10 - 10 + 40) / 40, 5);
  });
});
