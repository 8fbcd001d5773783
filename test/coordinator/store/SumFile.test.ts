import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { chooseCkksParameters } from '../../../common/he/ckksParameters.ts';
import { generateCkksSecretKey } from '../../../common/he/ckksSecretKey.ts';
import { createCkksCodec } from '../../../common/he/createCkksCodec.ts';
import { createEncryptedSum } from '../../../common/he/createEncryptedSum.ts';
import { seededRandom } from '../../../common/seededRandom.ts';
import { openSumFile } from '../../../coordinator/store/SumFile.ts';

const dir = mkdtempSync(join(tmpdir(), 'medfl-sumfile-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Yields `chunks` once, counting how many were taken: the one-pass stream the coordinator's store gives a fold. */
function* once(chunks: readonly Uint8Array[], taken: { count: number }): Generator<Uint8Array> {
  for (const chunk of chunks) {
    taken.count += 1;
    yield chunk;
  }
}

describe('openSumFile', () => {
  it('reads the committed generation while the next is written, and removes both files when disposed', () => {
    const sum = openSumFile(join(dir, 'plain'), 'round-1-attempt-0');
    sum.write(0, new Uint8Array([1, 1]));
    sum.write(1, new Uint8Array([2, 2]));
    sum.commit();
    sum.write(1, new Uint8Array([9, 9]));
    expect(Array.from(sum.read(1))).toEqual([2, 2]); // not committed: the sum is still the first generation
    sum.commit();
    expect(Array.from(sum.read(1))).toEqual([9, 9]);
    expect(statSync(join(dir, 'plain', 'round-1-attempt-0.0')).mode & 0o777).toBe(0o600);
    expect(() => sum.write(0, new Uint8Array(3))).toThrow(expect.objectContaining({ code: 'INTERNAL', message: 'running-sum chunk 0 is 3 bytes, not 2' }));
    sum.dispose();
    expect(readdirSync(join(dir, 'plain'))).toEqual([]);
  });

  it('holds a CKKS sum folded from one-pass streams that decrypts to the weighted sum within the codec\'s error bound; a refused update changes nothing', async () => {
    const params = chooseCkksParameters({ parameterCount: 20_000, maxSites: 4, clipNorm: 1, maxExamples: 10 });
    const codec = await createCkksCodec(params, await generateCkksSecretKey(params));
    const sum = await createEncryptedSum(params, () => openSumFile(join(dir, 'ckks'), 'round-2-attempt-1'));
    const random = seededRandom(5, 'sumfile');
    const updates = [3, 7, 1].map((examples) => ({ examples, values: Float32Array.from({ length: 20_000 }, () => (random.float() - 0.5) / 100) }));
    for (const { values, examples } of updates) {
      const taken = { count: 0 };
      sum.foldUpdate(once([...codec.encryptUpdate(values, examples)], taken));
      expect(taken.count).toBe(params.chunkCount);
    }
    // The last chunk truncated: every chunk before it was folded into the next generation, which never becomes the sum.
    const refused = [...codec.encryptUpdate(updates[0]!.values, 3)];
    refused[refused.length - 1] = refused.at(-1)!.subarray(0, 50);
    expect(() => sum.foldUpdate(once(refused, { count: 0 }))).toThrow(expect.objectContaining({ code: 'CIPHERTEXT_TRUNCATED' }));
    expect(sum.updates).toBe(3);
    const mean = codec.decryptAggregate(sum.serialize(), 11);
    const worst = Math.max(...mean.map((value, i) => Math.abs(value - updates.reduce((total, update) => total + update.examples * update.values[i]!, 0) / 11)));
    expect(worst).toBeLessThan(params.errorBound * params.clipNorm);
    sum.dispose();
    codec.dispose();
    expect(existsSync(join(dir, 'ckks', 'round-2-attempt-1.0'))).toBe(false);
  });
});
