// The number of input features a model artifact expects, read from its first layer's kernel.
import { MedflError } from '../../common/MedflError.ts';
import type { ModelArtifact } from '../../common/model/ModelArtifact.ts';

export function inputWidth(model: ModelArtifact): number {
  const kernel = model.weightSpecs.find((spec) => spec.shape.length === 2);
  const width = kernel?.shape[0];
  if (width === undefined) throw new MedflError('MODEL_INVALID', 'the model has no dense kernel, so its input width is unknown');
  return width;
}
