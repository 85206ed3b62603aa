import { defineConfig } from 'vitest/config';

// The exercise's tests, run by harness.mjs (which adds its own reporter) or by `npx vitest` by hand.
// Every setting here must also hold inside a WebContainer (Node 22, no native addons except
// sqlite3's WASM build), so nothing depends on worker_threads or OS features.
export default defineConfig({
  test: {
    include: ['tests/**/*.test.js'],
    // Forks, not threads: process.exit() or a crash in the learner's app then ends one child process
    // the harness can see, and a WebContainer runs child processes but not every worker_threads feature.
    pool: 'forks',
    // One file at a time: learners' apps share one SQLite file and the machine may have 2 cores.
    fileParallelism: false,
    maxWorkers: 1,
    setupFiles: ['./grading/setup.js'],
    // A test that outlives this failed on its own; an endless synchronous loop never reaches it
    // and is stopped by the harness's watchdog instead.
    testTimeout: 5000,
    hookTimeout: 5000,
    teardownTimeout: 1000,
    // setup.js attributes unhandled rejections to the test that caused them; Vitest's own report
    // would fail the whole run without saying which task is affected.
    dangerouslyIgnoreUnhandledErrors: true,
    watch: false,
  },
});
