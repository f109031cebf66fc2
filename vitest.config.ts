import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/setup/build.ts', 'tests/setup/snapshot-cache.ts'],
    setupFiles: ['tests/setup/no-network.ts'],
    reporters: ['default', './tests/setup/summary-reporter.ts'],
    // The analyzer loads a language model once per worker; keep workers few on the 2-core CI machine.
    maxWorkers: 2,
    testTimeout: 20_000,
  },
});
