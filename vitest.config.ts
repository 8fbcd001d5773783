import { defineConfig } from 'vitest/config';

// Tests spawn real processes (anvil, gRPC servers, tfjs workers); forks isolate wasm heaps. Most of a test's time is
// spent waiting on those processes (deadlines, blocks, sockets), so two files run at once even on two cores, where
// vitest would otherwise run one (it defaults to cores - 1).
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/globalSetup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    reporters: process.env.CI ? ['default'] : ['default'],
  },
});
