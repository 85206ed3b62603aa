import { describe, expect, test } from 'vitest';
import { LocalRuntime } from './local-runtime.ts';
import type { RuntimeEvent } from './runtime.ts';

type Call = { method: string; url: string; headers: Record<string, string>; body: unknown };

class FakeSocket extends EventTarget {
  url: string;
  closed = false;
  constructor(url: string) {
    super();
    this.url = url;
  }
  send(): void {}
  close(): void {
    this.closed = true;
  }
  receive(data: unknown): void {
    this.dispatchEvent(new MessageEvent('message', { data: JSON.stringify(data) }));
  }
}

function setup(answer: (call: Call) => Response) {
  const calls: Call[] = [];
  const sockets: FakeSocket[] = [];
  const runtime = new LocalRuntime({
    token: 'secret',
    baseUrl: 'http://localhost:4402',
    fetch: async (url, init) => {
      const call = {
        method: init?.method ?? 'GET',
        url: String(url),
        headers: init?.headers as Record<string, string>,
        body: init?.body ? JSON.parse(String(init.body)) : undefined,
      };
      calls.push(call);
      return answer(call);
    },
    createSocket: (url) => {
      const socket = new FakeSocket(url);
      sockets.push(socket);
      return socket as unknown as WebSocket;
    },
  });
  return { runtime, calls, sockets };
}

const session = {
  id: 's1',
  exercise: 'first-server',
  files: { 'app.js': 'starter' },
  editable: ['app.js'],
  allowNewFiles: false,
  tests: { 'tests/health.test.js': 'test' },
};

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('LocalRuntime', () => {
  test('creates a session with the token and opens the event socket with it', async () => {
    const { runtime, calls, sockets } = setup(() => json(201, session));
    const opened = await runtime.open({ exercise: 'first-server', files: { 'app.js': 'mine' } });
    expect(opened.editable).toEqual(['app.js']);
    expect(calls[0]).toMatchObject({
      method: 'POST',
      url: 'http://localhost:4402/api/sessions',
      headers: { 'X-Kitchen-Token': 'secret' },
      body: { exercise: 'first-server', files: { 'app.js': 'mine' } },
    });
    expect(sockets[0]!.url).toBe('ws://localhost:4402/api/sessions/s1/events?token=secret');
  });

  test('forwards the event stream to listeners', async () => {
    const { runtime, sockets } = setup(() => json(201, session));
    const events: RuntimeEvent[] = [];
    runtime.on((event) => events.push(event));
    await runtime.open({ exercise: 'first-server', files: {} });
    sockets[0]!.receive({ type: 'status', state: 'running', port: 41234 });
    expect(events).toEqual([{ type: 'status', state: 'running', port: 41234 }]);
  });

  test('maps the API calls of files, run, stop, request and check', async () => {
    const { runtime, calls } = setup((call) => {
      if (call.url.endsWith('/api/sessions')) return json(201, session);
      if (call.url.endsWith('/request'))
        return json(200, { status: 200, headers: {}, body: '{}', durationMs: 2, truncated: false });
      if (call.url.endsWith('/check')) return json(200, { version: 3, status: 'pass', tasks: [], tests: [] });
      if (call.url.endsWith('/run')) return new Response(null, { status: 202 });
      return new Response(null, { status: 204 });
    });
    await runtime.open({ exercise: 'first-server', files: {} });
    await runtime.writeFile('app.js', 'x');
    await runtime.renameFile('a.js', 'b.js');
    await runtime.deleteFile('b.js');
    await runtime.run();
    expect((await runtime.request({ method: 'GET', path: '/health' })).status).toBe(200);
    expect((await runtime.check()).status).toBe('pass');
    await runtime.stop();
    expect(calls.slice(1).map((c) => `${c.method} ${new URL(c.url).pathname}`)).toEqual([
      'PUT /api/sessions/s1/files',
      'POST /api/sessions/s1/rename',
      'DELETE /api/sessions/s1/files',
      'POST /api/sessions/s1/run',
      'POST /api/sessions/s1/request',
      'POST /api/sessions/s1/check',
      'POST /api/sessions/s1/stop',
    ]);
  });

  test("keeps the runner's error code (contract.ts) and turns 403 into FORBIDDEN with a fix", async () => {
    let reply = { status: 409, code: 'NOT_RUNNING', error: 'The app is not running.' };
    const { runtime } = setup((call) =>
      call.url.endsWith('/api/sessions')
        ? json(201, session)
        : json(reply.status, { error: reply.error, code: reply.code }),
    );
    await runtime.open({ exercise: 'first-server', files: {} });
    await expect(runtime.request({ method: 'GET', path: '/' })).rejects.toMatchObject({
      code: 'NOT_RUNNING',
    });
    // Another 409 is not "not running": the learner is told what really happened.
    reply = { status: 409, code: 'CHECK_IN_PROGRESS', error: 'A check of this exercise is already running.' };
    await expect(runtime.check()).rejects.toMatchObject({
      code: 'CHECK_IN_PROGRESS',
      message: 'A check of this exercise is already running.',
    });
    reply = { status: 400, code: 'PATH_TRAVERSAL', error: 'The file path "../x" leaves the exercise.' };
    await expect(runtime.writeFile('../x', '')).rejects.toMatchObject({ code: 'PATH_TRAVERSAL' });
    // A code outside the contract is a server failure, said as one.
    reply = { status: 418, code: 'TEAPOT', error: 'short and stout' };
    await expect(runtime.run()).rejects.toMatchObject({ code: 'SERVER' });
    reply = { status: 403, code: 'FORBIDDEN', error: 'bad token' };
    await expect(runtime.run()).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringContaining('Reload the page'),
    });
  });

  test('says the runner is unreachable when fetch fails', async () => {
    const { runtime } = setup(() => {
      throw new TypeError('Failed to fetch');
    });
    await expect(runtime.open({ exercise: 'first-server', files: {} })).rejects.toMatchObject({
      code: 'NETWORK',
      message: expect.stringContaining('npm start'),
    });
  });
});
