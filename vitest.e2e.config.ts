import { defineConfig } from 'vitest/config';

// Browser tests against the real server with its demo data; one server for the whole run (see tests/e2e/global-setup.ts).
export default defineConfig({
  test: {
    name: 'e2e',
    include: ['tests/e2e/**/*.test.ts'],
    globalSetup: ['tests/e2e/global-setup.ts'],
    // One browser and one server: files run one after another so they do not fight over either.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
});
