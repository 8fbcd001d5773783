// `npm run bench -- train`: local-training throughput (examples/s) of the wasm backend next to the cpu backend,
// on the real UCI Heart Disease training data (all centres pooled), measured in one process.
import { loadavg } from 'node:os';
import { genesisModel } from '../../common/model/genesis.ts';
import type { ModelSpec } from '../../common/plan/planSchema.ts';
import { loadUciHeart } from '../../datasets/uci/loadUciHeart.ts';
import { trainLocal } from '../../participant/training/trainLocal.ts';
import { useBackend, type TfBackendName } from '../../participant/training/tfBackend.ts';
import { poolDatasets } from '../../datasets/poolDatasets.ts';
import { printBenchTable, writeBenchResults, type BenchRow } from '../benchResults.ts';

const CASES: { label: string; model: ModelSpec; batchSize: number; epochs: number }[] = [
  { label: 'logistic (FLamby)', model: { kind: 'logistic' }, batchSize: 4, epochs: 10 },
  { label: 'mlp 64-64', model: { kind: 'mlp', hidden: [64, 64] }, batchSize: 32, epochs: 20 },
];
const BACKENDS: TfBackendName[] = ['wasm', 'cpu'];

export async function run(): Promise<void> {
  const data = poolDatasets(loadUciHeart().map((split) => split.train));
  const rows: BenchRow[] = [];
  for (const backend of BACKENDS) {
    await useBackend(backend);
    for (const { label, model, batchSize, epochs } of CASES) {
      const global = genesisModel({ model, features: data.featureNames, seed: 1 });
      const training = { optimizer: 'adam' as const, learningRate: 1e-3, batchSize, localEpochs: 1 };
      await trainLocal(global, data, { training, seed: 0 }); // warm-up: kernels compiled, wasm heap grown
      const started = performance.now();
      await trainLocal(global, data, { training: { ...training, localEpochs: epochs }, seed: 1 });
      const seconds = (performance.now() - started) / 1000;
      const examples = data.rows * epochs;
      rows.push({ backend, model: label, batchSize, examples, seconds: Number(seconds.toFixed(3)), examplesPerSec: Math.round(examples / seconds) });
    }
  }
  printBenchTable('local training throughput (UCI Heart Disease, 486 pooled training rows, Adam)', rows);
  const file = writeBenchResults('train', rows, { data: 'uci-heart pooled train', rows: data.rows, optimizer: 'adam', loadAverage1m: loadavg()[0] ?? null });
  process.stdout.write(`\nwrote ${file}\n`);
}
