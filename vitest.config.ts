import { defineConfig } from 'vitest/config';

// Unit tests sit beside the code they test. Exercise suites (exercises/**/tests) are not unit tests:
// the grader runs them inside a prepared workspace, so they are excluded here.
export default defineConfig({
  test: {
    include: ['grader/**/*.test.ts', 'site/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'grader/test/fixtures/**', 'site/e2e/**', 'dist/**'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
