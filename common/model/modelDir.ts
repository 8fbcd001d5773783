// Reads and writes a model directory in the TensorFlow.js layers format (model.json + weights.bin), no tfjs-node.
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { z } from 'zod';
import { MedflError } from '../MedflError.ts';
import { readJsonFile } from '../readJsonFile.ts';
import { assertConsistent, parameterCount, weightBytes, weightsFromBytes, type ModelArtifact } from './ModelArtifact.ts';

export const MODEL_JSON = 'model.json';
export const WEIGHTS_BIN = 'weights.bin';

const weightSpecSchema = z.object({
  name: z.string().min(1),
  shape: z.array(z.number().int().nonnegative()),
  dtype: z.literal('float32'),
});

const modelJsonSchema = z.object({
  format: z.string().optional(),
  generatedBy: z.string().optional(),
  convertedBy: z.string().nullable().optional(),
  modelTopology: z.record(z.string(), z.unknown()),
  weightsManifest: z
    .array(z.object({ paths: z.array(z.string().regex(/^(?!\.+$)[\w.-]+$/, 'a plain file name in the model directory')), weights: z.array(weightSpecSchema) }))
    .min(1),
});

function readModelJson(file: string): z.infer<typeof modelJsonSchema> {
  if (!existsSync(file)) throw new MedflError('FILE_NOT_FOUND', `no ${MODEL_JSON} at ${file}; pass a TensorFlow.js layers model directory`);
  return readJsonFile(file, modelJsonSchema, 'model file', { notJson: 'MODEL_INVALID', invalid: 'MODEL_INVALID', remedy: 'a float32 TensorFlow.js layers model is expected' });
}

function readWeightFiles(dir: string, paths: string[]): Uint8Array {
  const buffers = paths.map((path) => {
    const file = join(dir, path);
    if (!existsSync(file) || !statSync(file).isFile()) {
      throw new MedflError('MODEL_INVALID', `model.json names weight file ${path}, which is missing from ${dir}`);
    }
    return readFileSync(file);
  });
  return Buffer.concat(buffers);
}

/** Loads and validates a model directory; a short or long weights file is MODEL_WEIGHTS_TRUNCATED. */
export function readModelDir(dir: string): ModelArtifact {
  const modelJson = readModelJson(join(dir, MODEL_JSON));
  const weightSpecs = modelJson.weightsManifest.flatMap((group) => group.weights);
  const bytes = readWeightFiles(dir, modelJson.weightsManifest.flatMap((group) => group.paths));
  const expectedBytes = parameterCount(weightSpecs) * 4;
  if (bytes.byteLength !== expectedBytes) {
    throw new MedflError(
      'MODEL_WEIGHTS_TRUNCATED',
      `${join(dir, WEIGHTS_BIN)} holds ${bytes.byteLength} bytes but model.json describes ${expectedBytes}; the weights file is truncated or does not belong to this model`,
      { details: { expectedBytes, actualBytes: bytes.byteLength } },
    );
  }
  const artifact: ModelArtifact = { modelTopology: modelJson.modelTopology, weightSpecs, weights: weightsFromBytes(bytes) };
  assertConsistent(artifact, dir);
  return artifact;
}

function writeAtomically(file: string, data: string | Uint8Array): void {
  const temporary = join(file, '..', `.${basename(file)}.${process.pid}.tmp`);
  writeFileSync(temporary, data);
  renameSync(temporary, file);
}

/** Writes model.json + weights.bin (one shard) so tfjs `loadLayersModel` and medfl both read it. */
export function writeModelDir(dir: string, artifact: ModelArtifact, generatedBy = 'medfl'): void {
  assertConsistent(artifact);
  mkdirSync(dir, { recursive: true });
  writeAtomically(join(dir, WEIGHTS_BIN), weightBytes(artifact.weights));
  const modelJson = {
    format: 'layers-model',
    generatedBy,
    convertedBy: null,
    modelTopology: artifact.modelTopology,
    weightsManifest: [{ paths: [WEIGHTS_BIN], weights: artifact.weightSpecs }],
  };
  writeAtomically(join(dir, MODEL_JSON), `${JSON.stringify(modelJson, null, 1)}\n`);
}

export function isModelDir(dir: string): boolean {
  return existsSync(join(dir, MODEL_JSON)) && statSync(join(dir, MODEL_JSON)).isFile();
}
