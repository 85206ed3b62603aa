import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import WebSocket from 'ws';
import { learnerPids, startTestRunner, type TestRunner } from './test-server.ts';

let runner: TestRunner;
let sessionId: string;

beforeAll(async () => {
  runner = await startTestRunner();
  sessionId = await runner.createSession();
});
afterAll(async () => {
  await runner.close();
});

function wsStatus(url: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve) => {
    const socket = new WebSocket(url, { headers });
    socket.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    socket.on('open', () => {
      socket.close();
      resolve(101);
    });
    socket.on('error', () => resolve(-1));
  });
}

/** What the page sends to start the app (the local container's spawn). */
const RUN_APP = { pid: 'app', command: 'node', args: ['server.js'] };

describe('the request guard', () => {
  test('refuses a request from another site (Origin http://evil.example) and starts nothing', async () => {
    const before = runner.site.runner!.store.size;
    const create = await runner.call(
      'POST',
      '/api/sessions',
      { exercise: 'first-server' },
      { Origin: 'http://evil.example' },
    );
    expect(create.status).toBe(403);
    expect(create.body.code).toBe('FORBIDDEN');
    expect(runner.site.runner!.store.size).toBe(before);
    const run = await runner.call('POST', `/api/sessions/${sessionId}/processes`, RUN_APP, {
      Origin: 'http://evil.example',
    });
    expect(run.status).toBe(403);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(learnerPids(runner.tmp)).toEqual([]);
  });

  test('refuses a request without the token, or with a wrong one', async () => {
    const none = await fetch(`${runner.base}/api/sessions/${sessionId}/processes`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(RUN_APP),
    });
    expect(none.status).toBe(403);
    expect(((await none.json()) as { error: string }).error).toMatchInlineSnapshot(
      `"The runner token is missing or wrong; reload the page to get a fresh one."`,
    );
    const wrong = await runner.call('POST', `/api/sessions/${sessionId}/processes`, RUN_APP, {
      'X-Kitchen-Token': 'x'.repeat(43),
    });
    expect(wrong.status).toBe(403);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(learnerPids(runner.tmp)).toEqual([]);
  });

  test("accepts the site's own origin and a same-origin fetch", async () => {
    const reply = await runner.call('DELETE', `/api/sessions/${sessionId}/processes/app`, undefined, {
      Origin: runner.base,
      'Sec-Fetch-Site': 'same-origin',
    });
    expect(reply.status).toBe(204);
  });

  test('refuses a cross-site fetch even with the token', async () => {
    const reply = await runner.call('DELETE', `/api/sessions/${sessionId}/processes/app`, undefined, {
      'Sec-Fetch-Site': 'cross-site',
    });
    expect(reply.status).toBe(403);
  });

  test('refuses a Host that is not this server (DNS rebinding) and gives such pages no token', async () => {
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: runner.site.port,
          method: 'DELETE',
          path: `/api/sessions/${sessionId}/processes/app`,
          headers: {
            Host: `evil.example:${runner.site.port}`,
            'X-Kitchen-Token': runner.token,
            Origin: `http://evil.example:${runner.site.port}`,
          },
        },
        (res) => resolve(res.statusCode ?? 0),
      );
      req.end();
    });
    expect(status).toBe(403);
    const html = await new Promise<string>((resolve) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: runner.site.port,
          path: '/',
          headers: { Host: `evil.example:${runner.site.port}` },
        },
        (res) => {
          let text = '';
          res.on('data', (chunk) => (text += chunk));
          res.on('end', () => resolve(text));
        },
      );
      req.end();
    });
    expect(html).toContain('<title>Home</title>');
    expect(html).not.toContain('kitchen-runner');
  });

  test('injects the token into every HTML page it serves, including the 404 page', async () => {
    for (const path of ['/', '/learn/', '/learn', '/missing-page']) {
      const response = await fetch(`${runner.base}${path}`);
      const html = await response.text();
      expect(html, path).toContain(`<meta name="kitchen-runner" content="${runner.token}">`);
      expect(response.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
    }
    expect(await (await fetch(`${runner.base}/style.css`)).text()).toBe('body{}');
  });

  test('refuses event sockets without the token or from another origin', async () => {
    const url = `ws://127.0.0.1:${runner.site.port}/api/sessions/${sessionId}/events`;
    expect(await wsStatus(url)).toBe(403);
    expect(await wsStatus(`${url}?token=wrong`)).toBe(403);
    expect(await wsStatus(`${url}?token=${runner.token}`, { Origin: 'http://evil.example' })).toBe(403);
    expect(await wsStatus(`${url}?token=${runner.token}`, { Origin: runner.base })).toBe(101);
  });
});
