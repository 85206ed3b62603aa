/**
 * The browser's runtime code (ContainerRuntime over LocalContainer, exactly what an `npm start` page
 * runs, and over WebContainerBackend what the hosted site runs) driven against the real local runner:
 * real HTTP, the real event socket, the real sandbox and grader. No fake of the runtime anywhere.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadExercise } from '../../grader/src/load-exercise.ts';
import { readTextFiles } from '../components/workspace/read-files.ts';
import { firstServerDir, firstServerSolution, startTestRunner, type TestRunner } from '../server/runner/test-server.ts';
import { ContainerRuntime } from './container-runtime.ts';
import type { ExerciseBundle } from './exercise-bundle.ts';
import { LocalContainer } from './local-container.ts';
import { RuntimeError, type RuntimeEvent } from './runtime.ts';

let runner: TestRunner;

beforeAll(async () => {
  runner = await startTestRunner();
});
afterAll(async () => {
  await runner.close();
});

function firstServerBundle(): ExerciseBundle {
  const exercise = loadExercise(firstServerDir);
  return {
    slug: 'first-server',
    title: exercise.meta.title,
    tasks: exercise.meta.tasks,
    editable: exercise.meta.files.editable,
    allowNewFiles: exercise.meta.files.allowNewFiles,
    limits: exercise.meta.limits,
    starter: readTextFiles(join(firstServerDir, 'starter')),
    solution: readTextFiles(join(firstServerDir, 'solution')),
    tests: readTextFiles(join(firstServerDir, 'tests')),
  };
}

function pageRuntime(token = runner.token) {
  const runtime = new ContainerRuntime({
    container: new LocalContainer({ token, baseUrl: runner.base }),
    loadExercise: async () => firstServerBundle(),
  });
  const events: RuntimeEvent[] = [];
  runtime.on((event) => events.push(event));
  const waitFor = async (match: (event: RuntimeEvent) => boolean, ms = 30_000): Promise<RuntimeEvent> => {
    const started = Date.now();
    for (;;) {
      const found = events.find(match);
      if (found) return found;
      if (Date.now() - started > ms) throw new Error(`No such event in ${ms} ms: ${JSON.stringify(events).slice(0, 1500)}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  };
  return { runtime, events, waitFor };
}

describe('the browser runtime on the local container', () => {
  test('runs, answers the Request panel, checks, and answers it again after the check', async () => {
    const { runtime, events, waitFor } = pageRuntime();
    const session = await runtime.open({ exercise: 'first-server', files: { 'app.js': firstServerSolution } });
    expect(session).toMatchObject({ editable: ['app.js'], tests: { 'tests/health.test.js': expect.any(String) } });

    await runtime.run();
    const running = await waitFor((e) => e.type === 'status' && e.state === 'running');
    expect(running).toMatchObject({ port: expect.any(Number) });
    const before = await runtime.request({ method: 'GET', path: '/health' });
    expect(before).toMatchObject({ status: 200 });

    const results = await runtime.check();
    expect(results.status).toBe('pass');
    expect(events).toContainEqual(expect.objectContaining({ type: 'check-progress' }));
    expect(events).toContainEqual({ type: 'check-result', results });

    // The bug issue 17 names: after a check, every Request-panel send failed.
    const after = await runtime.request({ method: 'GET', path: '/health' });
    expect(after).toMatchObject({ status: 200, body: before.body });

    // Warm: the second check reuses the grader and still sees the latest file.
    await runtime.writeFile('app.js', readFileSync(join(firstServerDir, 'starter/app.js'), 'utf8'));
    const second = await runtime.check();
    expect(second.status).toBe('fail');
    await runtime.dispose();
  });

  test("keeps the runner's error codes: a stopped app, a crash's reason, a refused path", async () => {
    const { runtime, events, waitFor } = pageRuntime();
    await runtime.open({ exercise: 'first-server', files: { 'app.js': firstServerSolution } });
    await expect(runtime.request({ method: 'GET', path: '/health' })).rejects.toMatchObject({ code: 'NOT_RUNNING' });
    await expect(runtime.writeFile('../escape.js', 'x')).rejects.toMatchObject({ code: 'BAD_PATH' });
    // The runner refuses what the browser's rule lets through only for its own reasons, and says so by code.
    await expect(runtime.writeFile('harness.mjs', 'x')).rejects.toBeInstanceOf(RuntimeError);

    await runtime.writeFile(
      'app.js',
      "import express from 'express';\nconst app = express();\nthrow new Error('boom at load');\nexport default app;\n",
    );
    await runtime.run();
    const crashed = await waitFor((e) => e.type === 'status' && e.state === 'crashed');
    expect(crashed).toMatchObject({ code: 'CRASHED', message: expect.stringContaining('boom at load') });
    // The trace is in Logs once, as an error (the runner keeps stderr apart).
    await waitFor((e) => e.type === 'output' && e.stream === 'stderr' && e.data.includes('boom at load'));
    expect(events.filter((e) => e.type === 'status' && e.state === 'running')).toEqual([]);
    await runtime.dispose();
  });

  test('Reset deletes the database files through the container and stops the app', async () => {
    const { runtime, events } = pageRuntime();
    const app = `import express from 'express';
import { existsSync, writeFileSync } from 'node:fs';
const existed = existsSync('kitchen.db');
writeFileSync('kitchen.db', 'data');
const app = express();
app.get('/health', (req, res) => res.json({ existed }));
export default app;
`;
    const runningCount = () => events.filter((e) => e.type === 'status' && e.state === 'running').length;
    const runAndAsk = async () => {
      const before = runningCount();
      await runtime.run();
      for (let i = 0; i < 400 && runningCount() === before; i++) await new Promise((r) => setTimeout(r, 25));
      return JSON.parse((await runtime.request({ method: 'GET', path: '/health' })).body) as { existed: boolean };
    };
    await runtime.open({ exercise: 'first-server', files: { 'app.js': app } });
    expect(await runAndAsk()).toEqual({ existed: false });
    expect(await runAndAsk()).toEqual({ existed: true });
    await runtime.resetData();
    expect(events.at(-1)).toEqual({ type: 'status', state: 'stopped' });
    await expect(runtime.request({ method: 'GET', path: '/health' })).rejects.toMatchObject({ code: 'NOT_RUNNING' });
    expect(await runAndAsk()).toEqual({ existed: false });
    await runtime.dispose();
  });

  test('a page with a wrong token is refused with FORBIDDEN', async () => {
    const { runtime } = pageRuntime('x'.repeat(43));
    await expect(runtime.open({ exercise: 'first-server', files: {} })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  test('the container runs only node with the template entry scripts', async () => {
    const created = await runner.call('POST', '/api/sessions', { exercise: 'first-server' });
    const id = String(created.body.id);
    for (const spawn of [
      { pid: 'x1', command: 'sh', args: ['-c', 'id'] },
      { pid: 'x2', command: 'node', args: ['app.js'] },
      { pid: 'x3', command: 'node', args: ['-e', 'process.exit(3)'] },
      { pid: 'x4', command: 'node', args: ['harness.mjs', '--out', 'results.json'] },
      { pid: 'x5', command: 'node', args: ['server.js', '--inspect'] },
      { pid: '../x', command: 'node', args: ['server.js'] },
    ]) {
      const reply = await runner.call('POST', `/api/sessions/${id}/processes`, spawn);
      expect(reply.status, JSON.stringify(spawn)).toBe(400);
      expect(['COMMAND_NOT_ALLOWED', 'INVALID_PROCESS_ID']).toContain(reply.body.code);
    }
    await runner.call('DELETE', `/api/sessions/${id}`);
  });
});
