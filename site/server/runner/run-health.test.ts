/**
 * A running app that goes wrong in ways a beginner's app does (issue 13): an endless loop in a handler
 * (its event loop is blocked, so nothing answers), a page closed while the app runs, and app.js that
 * listens by itself.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { waitGone } from '../../../grader/src/process-tree.ts';
import { learnerPids, startTestRunner, type TestRunner } from './test-server.ts';

let runner: TestRunner;

beforeAll(async () => {
  runner = await startTestRunner({ runAbandonedMs: 500, blockedMs: 1500 });
});
afterAll(async () => {
  await runner.close();
});

const app = (routes: string) =>
  `import express from 'express';\nconst app = express();\n${routes}\nexport default app;\n`;

async function running(source: string) {
  const id = await runner.createSession({ 'app.js': source });
  const events = await runner.events(id);
  await runner.verb(id, 'run');
  await events.waitFor((m) => m.type === 'status' && m.state === 'running');
  return { id, events };
}

describe('a running app that goes wrong', () => {
  test('an endless loop in a handler is reported as a blocked app within seconds, and the app is stopped', async () => {
    const { id, events } = await running(
      app(
        "app.get('/menu', (req, res) => { while (true) {} });\napp.get('/health', (req, res) => res.json({ ok: true }));",
      ),
    );
    const started = Date.now();
    const reply = await runner.verb(id, 'request', { method: 'GET', path: '/menu' });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(reply.status).toBe(504);
    expect(reply.body.code).toBe('APP_BLOCKED');
    expect(reply.body.error).toContain('endless loop');
    const status = await events.waitFor((m) => m.type === 'status' && m.code === 'BLOCKED');
    expect(status).toMatchObject({ state: 'crashed' });
    const next = await runner.verb(id, 'request', { method: 'GET', path: '/health' });
    expect(next.body.code).toBe('NOT_RUNNING');
    await runner.call('DELETE', `/api/sessions/${id}`);
  });

  test('a slow but idle handler is not mistaken for a blocked one', async () => {
    const { id } = await running(
      app("app.get('/slow', (req, res) => { setTimeout(() => res.json({ done: true }), 2500); });"),
    );
    const reply = await runner.verb(id, 'request', { method: 'GET', path: '/slow' });
    expect(reply.status).toBe(200);
    expect(reply.body.body).toBe('{"done":true}');
    await runner.call('DELETE', `/api/sessions/${id}`);
  });

  test('closing the last page stops the app soon after, and nothing is left running', async () => {
    const { id, events } = await running(app("app.get('/', (req, res) => res.send('hi'));"));
    const pids = learnerPids(runner.tmp);
    expect(pids.length).toBeGreaterThan(0);
    events.socket.close();
    const log = await runner.events(id);
    // A page that comes back within the grace keeps the app; one that leaves for good does not.
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(runner.site.runner!.store.get(id).isRunning()).toBe(true);
    log.socket.close();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(runner.site.runner!.store.get(id).isRunning()).toBe(false);
    await waitGone(pids);
    expect(learnerPids(runner.tmp)).toEqual([]);
    await runner.call('DELETE', `/api/sessions/${id}`);
  });

  test('app.js that listens by itself gets a note in the log', async () => {
    const { id, events } = await running(
      app("app.get('/', (req, res) => res.send('hi'));\napp.listen(3000);"),
    );
    const note = await events.waitFor(
      (m) => m.type === 'output' && String(m.data).includes('Note from the workspace'),
    );
    expect(String(note.data)).toContain('listens on port 3000 by itself');
    await runner.call('DELETE', `/api/sessions/${id}`);
  });

  test("a crash on Run is one sentence naming the learner's file and line; the trace is in the output once", async () => {
    const cases: Array<[string, RegExp]> = [
      [
        "import express from 'express';\nconst app = express();\napp.get('/', (req, res) => {\n  res.send('hi'\n});\nexport default app;\n",
        /^Your app crashed at app\.js:4: SyntaxError: .+\. The whole error is in Logs\.$/,
      ],
      [
        "import express from 'express';\nconst app = express();\nconst menu = undefined;\nconsole.log(menu.items);\nexport default app;\n",
        /^Your app crashed at app\.js:4: TypeError: Cannot read properties of undefined \(reading 'items'\)\. The whole error is in Logs\.$/,
      ],
      [
        "import express from 'express';\nconst app = express();\napp.get('/', (req, res) => res.send('hi'));\n",
        /^Your app could not start: app\.js does not export the app\. End app\.js with `export default app;`/,
      ],
    ];
    for (const [source, expected] of cases) {
      const id = await runner.createSession({ 'app.js': source });
      const events = await runner.events(id);
      await runner.verb(id, 'run');
      const status = await events.waitFor((m) => m.type === 'status' && m.state === 'crashed');
      expect(String(status.message)).toMatch(expected);
      expect(String(status.message)).not.toContain('server.js');
      expect(String(status.message)).not.toContain('\n');
      await runner.call('DELETE', `/api/sessions/${id}`);
    }
  });
});
