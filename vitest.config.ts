import { defineConfig } from 'vitest/config';

// Service tests run on the embedded PGlite always, and on PostgreSQL too when DATABASE_URL is set.
const backends = process.env.DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

export default defineConfig({
  test: {
    projects: backends.map((backend) => ({
      extends: true,
      test: {
        name: backend,
        // Cheaper password hashing keeps sign-in-heavy tests fast; production cost is 2^15.
        env: { TEST_BACKEND: backend, HONGTU_PASSWORD_COST: '12' },
        include: ['src/**/*.test.ts', 'tests/**/*.test.ts'],
        exclude: ['tests/e2e/**', 'node_modules/**'],
        globalSetup: ['tests/support/global-setup.ts'],
        testTimeout: 30_000,
        hookTimeout: 60_000,
      },
    })),
  },
});
