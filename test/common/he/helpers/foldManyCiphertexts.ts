// Run as its own process by createEncryptedSum.test.ts (`node --import bin/loadTypeScript.js foldManyCiphertexts.ts`),
// so its RSS is this work's alone, not a test worker's that earlier files have used: encrypts and folds 10,000
// ciphertexts, then prints one JSON line with the RSS growth after the warm-up, the count and the worst decode error.
import { chooseCkksParameters } from '../../../../common/he/ckksParameters.ts';
import { generateCkksSecretKey } from '../../../../common/he/ckksSecretKey.ts';
import { createCkksCodec } from '../../../../common/he/createCkksCodec.ts';
import { createEncryptedSum } from '../../../../common/he/createEncryptedSum.ts';

// One N=2048 ciphertext per update keeps 10,000 of them within ~20 s on a loaded 2-core machine.
const params = chooseCkksParameters({ parameterCount: 1500, maxSites: 10_000, clipNorm: 1, maxExamples: 1, errorBound: 1e-4 });
const sites = 10_000 / params.chunkCount;
const codec = await createCkksCodec(params, await generateCkksSecretKey(params));
const sum = await createEncryptedSum(params);
const update = Float32Array.from({ length: params.parameterCount }, (_, i) => Math.cos(i) / 4);
let rssAfterWarmup = 0;
for (let site = 0; site < sites; site++) {
  sum.foldUpdate([...codec.encryptUpdate(update, 1)]);
  // SEAL's memory pool and the wasm heap grow to a plateau over the first ~2,500 ciphertexts, then stay there.
  if (site === 3000) rssAfterWarmup = process.memoryUsage().rss;
}
const growthMb = (process.memoryUsage().rss - rssAfterWarmup) / 2 ** 20;
const mean = codec.decryptAggregate(sum.serialize(), sites);
const worstError = Math.max(...mean.map((v, i) => Math.abs(v - (update[i] ?? 0))));
process.stdout.write(`${JSON.stringify({ ciphertexts: sum.updates * params.chunkCount, chunkCount: params.chunkCount, ringDegree: params.polyModulusDegree, growthMb, worstError })}\n`);
sum.dispose();
codec.dispose();
