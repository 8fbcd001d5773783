import { defineConfig } from 'vitest/config';

// Tests spawn real processes (anvil, gRPC servers, tfjs workers); forks isolate wasm heaps.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    reporters: process.env.CI ? ['default'] : ['default'],
  },
});
