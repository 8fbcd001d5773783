import { defineConfig } from 'vitest/config';

// Tests spawn real processes (anvil, gRPC servers, tfjs workers). Most of a test's time is spent waiting on those
// processes (deadlines, blocks, sockets), so two files run at once even on two cores, where vitest would otherwise run
// one (it defaults to cores - 1). Each worker is one forked process that keeps its modules from file to file
// (isolate: false): importing tfjs, SEAL, ethers and gRPC anew for each of ~350 files cost minutes of CPU.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/globalSetup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    isolate: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    reporters: process.env.CI ? ['default'] : ['default'],
  },
});
