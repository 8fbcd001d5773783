// Mean binary cross-entropy of predicted probabilities, clipped like Keras so log(0) never happens.
import * as tf from '@tensorflow/tfjs';

const EPSILON = 1e-7;

export function binaryCrossEntropy(labels: tf.Tensor, probabilities: tf.Tensor): tf.Scalar {
  return tf.tidy(() => {
    const p = tf.clipByValue(probabilities, EPSILON, 1 - EPSILON);
    const perExample = labels.mul(p.log()).add(tf.scalar(1).sub(labels).mul(tf.scalar(1).sub(p).log()));
    return perExample.mean().neg() as tf.Scalar;
  });
}
