import { existsSync, readdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createWarmGrader } from './warm-grader.ts';
import type { WarmGrader } from './warm-grader.ts';
import { loadExercise } from './load-exercise.ts';
import { prepareWorkspace } from './prepare-workspace.ts';
import type { Workspace } from './prepare-workspace.ts';
import { repoRoot } from './paths.ts';

const exercise = loadExercise(join(repoRoot, 'exercises/00-how-the-back-end-works/01-first-server'));
const solution = readFileSync(join(exercise.solutionDir, 'app.js'), 'utf8');
const fixture = (path: string): string =>
  readFileSync(join(repoRoot, 'grader/test/fixtures/first-server', path, 'app.js'), 'utf8');

function processesIn(root: string): string[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        return readlinkSync(`/proc/${pid}/cwd`).startsWith(root);
      } catch {
        return false;
      }
    });
}

describe('warm checks of one workspace', () => {
  let workspace: Workspace;
  let grader: WarmGrader;
  const write = (path: string, content: string): void => writeFileSync(join(workspace.dir, path), content);

  beforeAll(() => {
    workspace = prepareWorkspace(exercise);
    grader = createWarmGrader(workspace.dir);
  });
  afterAll(async () => {
    await grader.close();
    workspace.remove();
    expect(processesIn(workspace.dir)).toEqual([]);
  });

  test("see the learner's latest app.js", async () => {
    expect((await grader.check()).status).toBe('fail');
    write('app.js', solution);
    expect((await grader.check()).status).toBe('pass');
    write('app.js', 'export default 42;\n');
    expect((await grader.check()).code).toBe('WRONG_EXPORT');
  });

  test('see the latest version of a module that app.js imports', async () => {
    write(
      'app.js',
      "import express from 'express';\nimport { status } from './status.js';\nconst app = express();\napp.get('/', (req, res) => res.send('hi'));\napp.get('/health', (req, res) => res.json({ status }));\nexport default app;\n",
    );
    write('status.js', "export const status = 'not yet';\n");
    expect((await grader.check()).status).toBe('fail');
    write('status.js', "export const status = 'ok';\n");
    expect((await grader.check()).status).toBe('pass');
    write('status.js', "export const status = 'broken';\n");
    expect((await grader.check()).status).toBe('fail');
  });

  test('keep no learner state between checks: module-level values, globals, timers, listeners, servers', async () => {
    // Every check must load this app as if for the first time: a second load in the same process
    // would find the global counter, the listener or the timer of the first and answer "leaked".
    write(
      'app.js',
      `import express from 'express';
import http from 'node:http';
const seen = [];
globalThis.kitchenLoads = (globalThis.kitchenLoads ?? 0) + 1;
const earlier = { loads: globalThis.kitchenLoads, timers: process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length, listeners: process.listenerCount('kitchen-leak') };
process.on('kitchen-leak', () => {});
setInterval(() => seen.push(Date.now()), 10);
http.createServer().listen(0);
const app = express();
app.get('/', (req, res) => res.send('hi'));
app.get('/health', (req, res) => {
  seen.push(req.url);
  const clean = earlier.loads === 1 && earlier.listeners === 0;
  res.json(clean ? { status: 'ok' } : { status: 'leaked', ...earlier });
});
export default app;
`,
    );
    for (let round = 0; round < 3; round += 1) {
      const doc = await grader.check();
      expect(doc.status, JSON.stringify(doc.tests.map((t) => t.message))).toBe('pass');
    }
  });

  test('recover from an endless loop in one check: the next check runs normally', async () => {
    write('app.js', fixture('fail/handler-infinite-loop'));
    const looped = await grader.check();
    expect(looped.status).toBe('fail');
    expect(looped.tests.find((t) => t.name === 'GET / still answers 200')?.status).toBe('pass');
    write('app.js', fixture('error/import-infinite-loop'));
    expect((await grader.check()).code).toBe('TIMEOUT');
    write('app.js', solution);
    expect((await grader.check()).status).toBe('pass');
  });

  // On a busy machine a worker may wait seconds for a CPU while it imports app.js: no heartbeat, but
  // no CPU used either. That is not an endless loop (where /proc can tell them apart).
  test.skipIf(!existsSync('/proc/self/stat'))(
    'a worker that waits 3 s without using the CPU is not stopped as an endless loop',
    async () => {
      write('app.js', `Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 3000);\n${solution}`);
      const results = await grader.check();
      expect(results.message ?? '').not.toMatch(/without a break/);
      expect(results.status).toBe('pass');
    },
  );
});

describe('a suite that fakes the clock', () => {
  // Exercises that control time (tokens, rate limits, TOTP) set the date far from today; the harness
  // must still see the worker's heartbeat in real time, or an endless loop is never named.
  for (const date of ['2099-01-01T09:00:00Z', '2001-01-01T09:00:00Z']) {
    test(`an endless loop is still named when the tests set the date to ${date.slice(0, 4)}`, async () => {
      const workspace = prepareWorkspace(exercise);
      const grader = createWarmGrader(workspace.dir, { timeoutMs: 30_000 });
      try {
        writeFileSync(
          join(workspace.dir, 'tests/health.test.js'),
          `import { describe, test, vi } from 'vitest';
import { request } from '../grading/http.js';
describe('1. Answer GET /health', () => {
  test('GET /health answers with status 200', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('${date}'));
    (await request('GET', '/health')).expectStatus(200);
  });
});
`,
        );
        writeFileSync(
          join(workspace.dir, 'app.js'),
          "import express from 'express';\nconst app = express();\napp.get('/health', () => { for (;;) {} });\nexport default app;\n",
        );
        const results = await grader.check();
        expect(results.code).not.toBe('TIMEOUT');
        expect(results.tests[0]?.message).toMatch(/without a break/);
      } finally {
        await grader.close();
        workspace.remove();
      }
    });
  }
});
