import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureBackend, useBackend } from '../../../participant/training/tfBackend.ts';

describe('tfBackend', () => {
  afterAll(() => {
    delete process.env.MEDFL_TF_BACKEND;
  });

  it('starts the wasm backend from node_modules, without network, once for sites starting together', async () => {
    expect(await Promise.all([ensureBackend(), ensureBackend(), ensureBackend()])).toEqual(['wasm', 'wasm', 'wasm']);
    expect(tf.getBackend()).toBe('wasm');
    const sum = tf.tidy(() => tf.add(tf.tensor1d([1, 2]), tf.tensor1d([3, 4])).dataSync());
    expect([...sum]).toEqual([4, 6]);
  });

  it('switches to cpu on request and keeps it', async () => {
    await useBackend('cpu');
    expect(await ensureBackend()).toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
    await useBackend('wasm');
  });

  it('refuses an unknown MEDFL_TF_BACKEND', async () => {
    await useBackend('cpu');
    await tf.setBackend('wasm'); // behind medfl's back, so ensureBackend must choose again
    process.env.MEDFL_TF_BACKEND = 'webgpu';
    await expect(ensureBackend()).rejects.toMatchObject({ code: 'USAGE', message: expect.stringContaining('MEDFL_TF_BACKEND=webgpu') });
  });
});
