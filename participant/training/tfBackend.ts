// Chooses the TensorFlow.js backend for local training: wasm by default, loaded from node_modules (no network).
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { MedflError } from '../../common/MedflError.ts';

export type TfBackendName = 'wasm' | 'cpu';

let wasmPathsSet = false;
let chosen: TfBackendName | undefined;
let starting: Promise<TfBackendName> | undefined;

function pointWasmAtNodeModules(): void {
  if (wasmPathsSet) return;
  // The package's main file sits in dist/ next to the .wasm binaries; a trailing slash makes it a path prefix.
  const dist = dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm'));
  setWasmPaths(`${dist}/`);
  wasmPathsSet = true;
}

/** Switches tfjs to `name` (wasm or cpu) and waits until it is ready. */
export async function useBackend(name: TfBackendName): Promise<void> {
  if (name === 'wasm') pointWasmAtNodeModules();
  const ok = await tf.setBackend(name);
  if (!ok) throw new MedflError('INTERNAL', `TensorFlow.js could not start its ${name} backend`);
  await tf.ready();
  chosen = name;
}

/** Makes sure a medfl-chosen backend is active: MEDFL_TF_BACKEND if set, else wasm. Returns its name. */
export async function ensureBackend(): Promise<TfBackendName> {
  if (chosen && tf.getBackend() === chosen) return chosen;
  const wanted = process.env.MEDFL_TF_BACKEND ?? 'wasm';
  if (wanted !== 'wasm' && wanted !== 'cpu') {
    throw new MedflError('USAGE', `MEDFL_TF_BACKEND=${wanted} is not a backend medfl supports; use wasm or cpu`);
  }
  // Sites sharing a process (tests, a consortium on one machine) start together: a second setBackend while the first
  // still loads the wasm binary returns false, so every caller waits on the one start.
  starting ??= useBackend(wanted).then(() => wanted).finally(() => {
    starting = undefined;
  });
  return starting;
}
