// modelHash: the identity of a model on chain, recomputable by anyone from model.json + weights.bin.
import { canonicalJson, sha256Hex, type Hash32 } from '../canonicalJson.ts';
import { assertConsistent, weightBytes, type ModelArtifact } from './ModelArtifact.ts';
import { readModelDir } from './modelDir.ts';

/**
 * sha256( canonical JSON of {modelTopology, weightSpecs} || weights as float32 little-endian, manifest order ).
 * The weight specs (names, shapes) are hashed with the topology so that two manifests that slice the same bytes
 * differently cannot share a hash; tool metadata (generatedBy, format) is left out so re-saving keeps the hash.
 */
export function modelHash(artifact: ModelArtifact): Hash32 {
  assertConsistent(artifact);
  const header = canonicalJson({
    modelTopology: artifact.modelTopology,
    weightSpecs: artifact.weightSpecs.map(({ name, shape, dtype }) => ({ name, shape, dtype })),
  });
  return sha256Hex(Buffer.from(header, 'utf8'), weightBytes(artifact.weights));
}

/** The modelHash of a model directory (`model.json` + its weight files). */
export async function modelHashOfDir(dir: string): Promise<Hash32> {
  return modelHash(await readModelDir(dir));
}
