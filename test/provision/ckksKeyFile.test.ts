import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nacl from 'tweetnacl';
import { afterAll, describe, expect, it } from 'vitest';
import { chooseCkksParameters } from '../../common/he/ckksParameters.ts';
import { generateCkksSecretKey } from '../../common/he/ckksSecretKey.ts';
import { createCkksCodec } from '../../common/he/createCkksCodec.ts';
import { createEncryptedSum } from '../../common/he/createEncryptedSum.ts';
import { sealSecretKeyForSite } from '../../common/he/sealSecretKey.ts';
import { readCkksKeyFile, writeCkksKeyFile } from '../../provision/ckksKeyFile.ts';

const dir = mkdtempSync(join(tmpdir(), 'medfl-ckks-key-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const seed = (byte: number) => new Uint8Array(32).fill(byte);

describe('ckksKeyFile', () => {
  const params = chooseCkksParameters({ parameterCount: 100, maxSites: 2, clipNorm: 1, maxExamples: 10 });
  const site = nacl.box.keyPair.fromSecretKey(seed(1));
  const otherSite = nacl.box.keyPair.fromSecretKey(seed(2));
  const file = join(dir, 'ckks.key.json');

  it('round-trips the key for the site it was sealed to, owner-only, and the key works', async () => {
    const key = await generateCkksSecretKey(params);
    writeCkksKeyFile(file, sealSecretKeyForSite(key, site.publicKey, params.codecId));
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const opened = readCkksKeyFile(file, site.secretKey, params.codecId);
    expect(Buffer.from(opened).equals(Buffer.from(key))).toBe(true);
    const codec = await createCkksCodec(params, opened);
    const sum = await createEncryptedSum(params);
    sum.foldUpdate([...codec.encryptUpdate(new Float32Array(100).fill(0.5), 2)]);
    expect(codec.decryptAggregate(sum.serialize(), 2)[99]).toBeCloseTo(0.5, 6);
    sum.dispose();
    codec.dispose();
  });

  it('refuses another site\'s key with KEY_SEAL_OPEN_FAILED and a clear message', () => {
    expect(() => readCkksKeyFile(file, otherSite.secretKey, params.codecId)).toThrow(expect.objectContaining({
      code: 'KEY_SEAL_OPEN_FAILED',
      message: `the sealed CKKS key for codec ${params.codecId} does not open with this site's key: it was sealed for another site or altered`,
    }));
  });

  it('names a missing file, a foreign codec and a file that is not a sealed key', () => {
    expect(() => readCkksKeyFile(join(dir, 'absent.json'), site.secretKey, params.codecId)).toThrow(expect.objectContaining({ code: 'KEY_ABSENT' }));
    expect(() => readCkksKeyFile(file, site.secretKey, '0xother')).toThrow(`${file} holds the key for codec ${params.codecId}, but the run uses 0xother`);
    const junk = join(dir, 'junk.json');
    writeFileSync(junk, '{"format":"x"}');
    expect(() => readCkksKeyFile(junk, site.secretKey, params.codecId)).toThrow(expect.objectContaining({ code: 'KEY_INVALID' }));
  });
});
