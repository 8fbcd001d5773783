// A model as medfl stores and hashes it: TensorFlow.js layers topology plus float32 weights in manifest order.
import { MedflError } from '../MedflError.ts';

export interface WeightSpec {
  readonly name: string;
  readonly shape: readonly number[];
  readonly dtype: 'float32';
}

export interface ModelArtifact {
  /** The Keras-style layers topology, as in tfjs `model.json` `modelTopology`. */
  readonly modelTopology: Readonly<Record<string, unknown>>;
  readonly weightSpecs: readonly WeightSpec[];
  /** All weights, concatenated in manifest order, float32 little-endian. */
  readonly weights: Float32Array;
}

export function specSize(spec: WeightSpec): number {
  return spec.shape.reduce((product, dim) => product * dim, 1);
}

export function parameterCount(specs: readonly WeightSpec[]): number {
  return specs.reduce((sum, spec) => sum + specSize(spec), 0);
}

/** Checks the specs are well formed and describe exactly `weights.length` values. */
export function assertConsistent(artifact: ModelArtifact, where = 'model'): void {
  for (const spec of artifact.weightSpecs) {
    if (spec.dtype !== 'float32') {
      throw new MedflError('MODEL_INVALID', `${where}: weight ${spec.name} has dtype ${String(spec.dtype)}; medfl models are float32 only`);
    }
    if (!spec.shape.every((dim) => Number.isInteger(dim) && dim >= 0)) {
      throw new MedflError('MODEL_INVALID', `${where}: weight ${spec.name} has an invalid shape [${spec.shape.join(', ')}]`);
    }
  }
  const expected = parameterCount(artifact.weightSpecs);
  if (expected !== artifact.weights.length) {
    throw new MedflError(
      'MODEL_WEIGHTS_TRUNCATED',
      `${where}: the manifest describes ${expected} float32 values but the weights hold ${artifact.weights.length}`,
      { details: { expected, actual: artifact.weights.length } },
    );
  }
}

/** The same model with other weights (same specs); used to form the next global model. */
export function withWeights(artifact: ModelArtifact, weights: Float32Array): ModelArtifact {
  const next = { ...artifact, weights };
  assertConsistent(next);
  return next;
}

/** The weights as little-endian bytes, whatever the host's endianness. */
export function weightBytes(weights: Float32Array): Uint8Array {
  const bytes = new Uint8Array(weights.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < weights.length; i += 1) view.setFloat32(i * 4, weights[i] ?? 0, true);
  return bytes;
}

/** Parses little-endian float32 bytes; the caller has checked the length is a multiple of 4. */
export function weightsFromBytes(bytes: Uint8Array): Float32Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const weights = new Float32Array(bytes.byteLength / 4);
  for (let i = 0; i < weights.length; i += 1) weights[i] = view.getFloat32(i * 4, true);
  return weights;
}
