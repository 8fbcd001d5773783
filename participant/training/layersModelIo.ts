// Converts between medfl's ModelArtifact and a live tf.LayersModel through tfjs's own IO handler interface.
import * as tf from '@tensorflow/tfjs';
import { MedflError } from '../../common/MedflError.ts';
import { assertConsistent, specSize, withWeights, type ModelArtifact } from '../../common/model/ModelArtifact.ts';

/** Builds a tf.LayersModel holding the artifact's topology and weights. */
export async function toLayersModel(artifact: ModelArtifact): Promise<tf.LayersModel> {
  assertConsistent(artifact);
  const weightData = artifact.weights.slice().buffer;
  const handler = tf.io.fromMemory({ modelTopology: { ...artifact.modelTopology }, weightSpecs: [...artifact.weightSpecs], weightData });
  try {
    return await tf.loadLayersModel(handler);
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new MedflError('MODEL_INVALID', `TensorFlow.js cannot build this model: ${reason}`, { cause });
  }
}

/** Saves a live model through an in-memory save handler: the artifact exactly as tfjs writes it. */
export async function fromLayersModel(model: tf.LayersModel): Promise<ModelArtifact> {
  let saved: tf.io.ModelArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      saved = artifacts;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  const weightData = saved?.weightData;
  if (!saved || !(weightData instanceof ArrayBuffer) || !saved.weightSpecs) {
    throw new MedflError('INTERNAL', 'TensorFlow.js saved no single weight buffer for this model');
  }
  const weightSpecs = saved.weightSpecs.map(({ name, shape }) => ({ name, shape: [...shape], dtype: 'float32' as const }));
  const artifact = { modelTopology: saved.modelTopology as Record<string, unknown>, weightSpecs, weights: new Float32Array(weightData) };
  assertConsistent(artifact, 'saved model');
  return artifact;
}

/**
 * The trained weights of `model` as a copy of `like` (same topology, manifest and order), found by weight name,
 * so the result hashes like the global model it came from apart from the weights.
 */
export async function weightsLike(model: tf.LayersModel, like: ModelArtifact): Promise<ModelArtifact> {
  const saved = await fromLayersModel(model);
  const offsets = new Map<string, { offset: number; size: number }>();
  let offset = 0;
  for (const spec of saved.weightSpecs) {
    const size = specSize(spec);
    offsets.set(spec.name, { offset, size });
    offset += size;
  }
  const weights = new Float32Array(like.weights.length);
  let target = 0;
  for (const spec of like.weightSpecs) {
    const found = offsets.get(spec.name);
    if (found?.size !== specSize(spec)) throw new MedflError('MODEL_INVALID', `the trained model has no weight ${spec.name} of shape [${spec.shape.join(', ')}]`);
    weights.set(saved.weights.subarray(found.offset, found.offset + found.size), target);
    target += found.size;
  }
  return withWeights(like, weights);
}
