import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { firstServerSolution, startTestRunner, type TestRunner } from './test-server.ts';

let runner: TestRunner;

beforeAll(async () => {
  runner = await startTestRunner();
});
afterAll(async () => {
  await runner.close();
});

describe('a learner session, end to end', () => {
  test('writes the first-server solution, runs it, sends GET /health and checks it: pass', async () => {
    const created = await runner.call('POST', '/api/sessions', { exercise: 'first-server' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      exercise: 'first-server',
      editable: ['app.js'],
      allowNewFiles: false,
    });
    expect(Object.keys(created.body.files as object)).toEqual(['app.js']);
    expect(Object.keys(created.body.tests as object)).toEqual(['tests/health.test.js']);
    const id = String(created.body.id);
    const events = await runner.events(id);
    expect(
      (
        await runner.call('PUT', `/api/sessions/${id}/files`, {
          path: 'app.js',
          content: firstServerSolution,
        })
      ).status,
    ).toBe(204);
    expect((await runner.verb(id, 'run')).status).toBe(202);
    const running = await events.waitFor((m) => m.type === 'status' && m.state === 'running');
    expect(running.port).toEqual(expect.any(Number));
    await events.waitFor(
      (m) => m.type === 'output' && String(m.data).includes(`Listening on port ${String(running.port)}`),
    );

    const reply = await runner.verb(id, 'request', {
      method: 'GET',
      path: '/health',
      headers: { Accept: 'application/json' },
    });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ status: 200, body: '{"status":"ok"}', truncated: false });
    expect((reply.body.headers as Record<string, string>)['content-type']).toMatch(/application\/json/);
    expect(reply.body.durationMs).toEqual(expect.any(Number));

    const check = await runner.verb(id, 'check');
    expect(check.status).toBe(200);
    expect(check.body).toMatchObject({ version: 3, status: 'pass', tasks: [{ id: '1', status: 'pass' }] });
    await events.waitFor((m) => m.type === 'check' && m.state === 'running');
    await events.waitFor((m) => m.type === 'check-progress');
    await events.waitFor((m) => m.type === 'check-result');

    // A broken file: the check is an error that says what is wrong, with no machine path.
    await runner.call('PUT', `/api/sessions/${id}/files`, {
      path: 'app.js',
      content: 'export default {{{\n',
    });
    const broken = await runner.verb(id, 'check');
    expect(broken.body).toMatchObject({ status: 'error' });
    expect(String(broken.body.message)).toMatch(/app\.js/);
    expect(String(broken.body.message)).not.toMatch(/\/tmp\/|\/work\//);

    expect((await runner.verb(id, 'stop')).status).toBe(204);
    await events.waitFor((m) => m.type === 'status' && m.state === 'stopped');
    expect(
      (await runner.verb(id, 'request', { method: 'GET', path: '/health' })).status,
    ).toBe(409);
    expect((await runner.call('DELETE', `/api/sessions/${id}`)).status).toBe(204);
    expect((await runner.verb(id, 'run')).body.code).toBe('SESSION_NOT_FOUND');
  });

  test("shows the app's own output without machine paths: the workspace is \".\", node_modules is node_modules/", async () => {
    const id = await runner.createSession({
      'app.js': [
        "import express from 'express';",
        'console.log(`folder [${process.cwd()}] file [${new URL("./app.js", import.meta.url).href}]`);',
        "console.log(`express [${import.meta.resolve('express')}]`);",
        'const app = express();',
        "app.get('/health', (req, res) => res.json({ status: 'ok' }));",
        'export default app;',
        '',
      ].join('\n'),
    });
    const events = await runner.events(id);
    expect((await runner.verb(id, 'run')).status).toBe(202);
    const folder = await events.waitFor((m) => m.type === 'output' && String(m.data).includes('folder ['));
    expect(String(folder.data)).toContain('folder [.] file [app.js]');
    const express = await events.waitFor((m) => m.type === 'output' && String(m.data).includes('express ['));
    expect(String(express.data)).toMatch(/express \[node_modules\/express\/index\.js\]/);
    expect((await runner.call('DELETE', `/api/sessions/${id}`)).status).toBe(204);
  });

  test('restarts the app on run, on a new port, and sends requests only to it', async () => {
    const id = await runner.createSession({
      'app.js': `import express from 'express';\nconst app = express();\napp.use(express.text());\napp.post('/echo', (req, res) => res.type('text').send(req.body));\napp.get('/big', (req, res) => res.send('x'.repeat(2 * 1024 * 1024)));\nexport default app;\n`,
    });
    const events = await runner.events(id);
    await runner.verb(id, 'run');
    const first = await events.waitFor((m) => m.type === 'status' && m.state === 'running');
    await runner.verb(id, 'run');
    await events.waitFor((m) => m.type === 'status' && m.state === 'stopped');
    const second = await events.waitFor((m) => m.type === 'status' && m.state === 'running' && m !== first);
    expect(second.port).toEqual(expect.any(Number));

    const echo = await runner.verb(id, 'request', {
      method: 'POST',
      path: '/echo',
      headers: { 'Content-Type': 'text/plain' },
      body: 'hello',
    });
    expect(echo.body).toMatchObject({ status: 200, body: 'hello' });
    const big = await runner.verb(id, 'request', { method: 'GET', path: '/big' });
    expect(big.body.truncated).toBe(true);
    expect(String(big.body.body).length).toBe(1024 * 1024);

    for (const path of ['http://169.254.169.254/latest/meta-data', '//evil.example/x', 'health', '/a b']) {
      const refused = await runner.verb(id, 'request', { method: 'GET', path });
      expect(refused.status, path).toBe(400);
      expect(refused.body.code).toBe('INVALID_REQUEST_PATH');
    }
    const badMethod = await runner.verb(id, 'request', {
      method: 'GET /x HTTP/1.1\r\n',
      path: '/',
    });
    expect(badMethod.body.code).toBe('INVALID_METHOD');
    const badHeader = await runner.verb(id, 'request', {
      method: 'GET',
      path: '/',
      headers: { 'X-A': 'a\r\nHost: evil' },
    });
    expect(badHeader.body.code).toBe('INVALID_HEADERS');
    await runner.call('DELETE', `/api/sessions/${id}`);
  });
});

describe("the app's database file", () => {
  test('survives a restart of the app, and a reset of the data deletes it and stops the app', async () => {
    // A stand-in for SQLite (the first-server exercise loads no addon): a counter kept in kitchen.db.
    const counter = `import fs from 'node:fs';
import express from 'express';
const app = express();
app.get('/count', (req, res) => {
  const count = (fs.existsSync('kitchen.db') ? Number(fs.readFileSync('kitchen.db', 'utf8')) : 0) + 1;
  fs.writeFileSync('kitchen.db', String(count));
  res.json({ count });
});
export default app;
`;
    const id = await runner.createSession({ 'app.js': counter });
    const events = await runner.events(id);
    const start = async () => {
      events.messages.length = 0;
      await runner.verb(id, 'run');
      await events.waitFor((m) => m.type === 'status' && m.state === 'running');
    };
    const count = async () =>
      JSON.parse(
        String(
          (await runner.verb(id, 'request', { method: 'GET', path: '/count' })).body
            .body,
        ),
      ) as { count: number };
    await start();
    expect(await count()).toEqual({ count: 1 });
    await start();
    expect(await count()).toEqual({ count: 2 });

    const reset = await runner.verb(id, 'resetData');
    expect(reset).toMatchObject({ status: 200, body: { deleted: ['kitchen.db'] } });
    expect(
      (await runner.verb(id, 'request', { method: 'GET', path: '/count' })).body.code,
    ).toBe('NOT_RUNNING');
    await start();
    expect(await count()).toEqual({ count: 1 });
    await runner.call('DELETE', `/api/sessions/${id}`);
  });
});
