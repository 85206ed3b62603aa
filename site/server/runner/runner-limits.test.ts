import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestRunner, type TestRunner } from './test-server.ts';

describe('limits on sessions', () => {
  let runner: TestRunner;
  beforeAll(async () => {
    runner = await startTestRunner({ sessionsPerClient: 3 });
  });
  afterAll(async () => {
    await runner.close();
  });

  test('a client past its limit loses its least recently used unwatched session, or is told to close a tab', async () => {
    const ids = [await runner.createSession(), await runner.createSession(), await runner.createSession()];
    const fourth = await runner.createSession();
    expect((await runner.call('GET', `/api/sessions/${ids[0]}/files`)).body.code).toBe('SESSION_NOT_FOUND');
    const sockets = await Promise.all([ids[1]!, ids[2]!, fourth].map((id) => runner.events(id)));
    const refused = await runner.call('POST', '/api/sessions', { exercise: 'first-server' });
    expect(refused.status).toBe(429);
    expect(refused.body.code).toBe('TOO_MANY_SESSIONS');
    for (const events of sockets) events.socket.close();
  });
});

describe('a burst of 50 checks', () => {
  let runner: TestRunner;
  beforeAll(async () => {
    runner = await startTestRunner({ sessionsPerClient: 60, concurrentChecks: 2 });
  });
  afterAll(async () => {
    await runner.close();
  });

  test("queues them, tells each its place, and never starves the site's own pages", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 50; i += 1) ids.push(await runner.createSession());
    const watched = await runner.events(ids[49]!);
    const checks = ids.map((id) => runner.verb(id, 'check'));
    const queued = await watched.waitFor((m) => m.type === 'check' && m.state === 'queued');
    expect(queued.position).toBeGreaterThan(1);
    expect(runner.site.runner!.store.checks.running).toBe(2);

    const timings: number[] = [];
    for (let i = 0; i < 30; i += 1) {
      const started = performance.now();
      const response = await fetch(`${runner.base}/learn/`);
      await response.text();
      expect(response.status).toBe(200);
      timings.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    timings.sort((a, b) => a - b);
    const p95 = timings[Math.floor(timings.length * 0.95)]!;
    expect(p95).toBeLessThan(500);

    // Ending the sessions cancels the checks still waiting: nothing keeps running.
    await Promise.all(ids.map((id) => runner.call('DELETE', `/api/sessions/${id}`)));
    const replies = await Promise.all(checks);
    expect(replies.every((reply) => reply.status === 200 || reply.body.code === 'CHECK_CANCELLED')).toBe(
      true,
    );
    expect(runner.site.runner!.store.checks.queued).toBe(0);
  }, 120_000);
});
