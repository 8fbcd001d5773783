// The node-seal (Microsoft SEAL in wasm) library, loaded once per process: its wasm module compiles asynchronously.
import { createRequire } from 'node:module';
import type { SEALLibrary } from 'node-seal/implementation/seal.js';

// The "throws" node build turns SEAL's C++ exceptions into JS errors instead of aborting (for inputs SEAL can parse).
const loader = createRequire(import.meta.url)('node-seal/throws_wasm_node_umd.js') as () => Promise<SEALLibrary>;

let library: Promise<SEALLibrary> | undefined;

export function loadSeal(): Promise<SEALLibrary> {
  library ??= loader();
  return library;
}

export type { SEALLibrary };
export type CipherText = ReturnType<SEALLibrary['CipherText']>;
export type Context = ReturnType<SEALLibrary['Context']>;
export type Evaluator = ReturnType<SEALLibrary['Evaluator']>;
export type PlainText = ReturnType<SEALLibrary['PlainText']>;
export type SecretKey = ReturnType<SEALLibrary['SecretKey']>;
