import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { firstServerSolution, learnerPids, startTestRunner, type TestRunner } from './test-server.ts';

let runner: TestRunner;

beforeAll(async () => {
  process.env.KITCHEN_TEST_SECRET = 'do-not-leak-me';
  runner = await startTestRunner({ warmGraders: 2 });
});
afterAll(async () => {
  delete process.env.KITCHEN_TEST_SECRET;
  await runner.close();
});

/** Pids of the processes whose environment has this session's workspace in it. */
function sessionPids(id: string): number[] {
  const workspace = runner.site.runner!.store.get(id).workspace;
  return learnerPids(runner.tmp).filter((pid) => {
    try {
      return readFileSync(`/proc/${pid}/environ`, 'latin1').includes(workspace);
    } catch {
      return false;
    }
  });
}

describe('warm checks in the local runner', () => {
  test("a check's harness and the learner app get only the sandbox environment", async () => {
    // /health answers ok only when nothing of the server's environment is visible to the app.
    const id = await runner.createSession({
      'app.js': `import express from 'express';
const app = express();
const env = JSON.stringify(process.env);
app.get('/', (req, res) => res.send('hi'));
app.get('/health', (req, res) => res.json({ status: env.includes('do-not-leak-me') || env.includes(${JSON.stringify(runner.token)}) ? env : 'ok' }));
export default app;
`,
    });
    const check = await runner.verb(id, 'check');
    expect(check.body.status, JSON.stringify(check.body)).toBe('pass');
    for (const pid of sessionPids(id))
      expect(readFileSync(`/proc/${pid}/environ`, 'latin1')).not.toContain('do-not-leak-me');
    await runner.call('DELETE', `/api/sessions/${id}`);
  });

  test('a session keeps its grader warm between checks, and each check sees the latest files', async () => {
    const id = await runner.createSession();
    expect((await runner.verb(id, 'check')).body.status).toBe('fail');
    const harness = sessionPids(id);
    expect(harness.length).toBeGreaterThan(0);
    await runner.call('PUT', `/api/sessions/${id}/files`, { path: 'app.js', content: firstServerSolution });
    const started = performance.now();
    expect((await runner.verb(id, 'check')).body.status).toBe('pass');
    const warmMs = performance.now() - started;
    // The same harness process answered (no new Vitest start); generous bound for a loaded machine.
    expect(sessionPids(id)).toEqual(expect.arrayContaining([Math.min(...harness)]));
    expect(warmMs).toBeLessThan(5000);
    await runner.call('DELETE', `/api/sessions/${id}`);
  });

  test('only the most recently used graders stay warm; ending a session closes its grader and leaves no process', async () => {
    const ids = [await runner.createSession(), await runner.createSession(), await runner.createSession()];
    for (const id of ids)
      expect((await runner.verb(id, 'check')).body.status).toBe('fail');
    const store = runner.site.runner!.store;
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(store.graders.size).toBe(2);
    expect(sessionPids(ids[0]!)).toEqual([]);
    for (const id of ids) await runner.call('DELETE', `/api/sessions/${id}`);
    expect(store.graders.size).toBe(0);
    expect(learnerPids(runner.tmp)).toEqual([]);
  });
});
