/**
 * `npm run bench` section: the local runner under load. 20 sessions at once, each creates its
 * workspace, writes the first-server solution, runs the app, sends GET /health and checks; half write
 * a broken app.js first, so "correct" means pass for the good ones and error for the broken ones.
 * Loopback only, bounded: one runner on a random port, 2 concurrent checks, 20 sessions.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { startSiteServer } from '../site-server.ts';
import { firstServerSolution, makeDist, repoRoot } from './test-server.ts';

const SESSIONS = 20;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length - 1) * p))]!;
}

export async function run(): Promise<void> {
  const dist = makeDist();
  const tmp = mkdtempSync(join(tmpdir(), 'kitchen-bench-'));
  const site = await startSiteServer({
    root: repoRoot,
    port: 0,
    host: '127.0.0.1',
    dist,
    runnerTmp: tmp,
    runnerLimits: { sessionsPerClient: SESSIONS, concurrentChecks: 2 },
    log: () => undefined,
  });
  const base = `http://127.0.0.1:${site.port}`;
  try {
    const token = /content="([^"]+)"/.exec(await (await fetch(`${base}/`)).text())![1]!;
    const headers = { 'X-Kitchen-Token': token, 'Content-Type': 'application/json' };
    const call = async (method: string, path: string, body?: unknown) => {
      const response = await fetch(`${base}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
      const text = await response.text();
      return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
    };
    const started = performance.now();
    const outcomes = await Promise.all(
      Array.from({ length: SESSIONS }, async (_, index) => {
        const broken = index % 2 === 1;
        const created = await call('POST', '/api/sessions', { exercise: 'first-server', files: { 'app.js': broken ? 'export default {{{' : firstServerSolution } });
        const id = String(created.body.id);
        const socket = new WebSocket(`ws://127.0.0.1:${site.port}/api/sessions/${id}/events?token=${token}`);
        let health = broken;
        if (!broken) {
          const running = new Promise<void>((resolve) => socket.on('message', (data) => String(data).includes('"state":"running"') && resolve()));
          await new Promise((resolve) => socket.once('open', resolve));
          await call('POST', `/api/sessions/${id}/run`);
          await running;
          const reply = await call('POST', `/api/sessions/${id}/request`, { method: 'GET', path: '/health' });
          health = reply.body.body === '{"status":"ok"}';
        }
        const checkStarted = performance.now();
        const check = await call('POST', `/api/sessions/${id}/check`);
        const latency = performance.now() - checkStarted;
        socket.close();
        await call('DELETE', `/api/sessions/${id}`);
        const correct = health && check.body.status === (broken ? 'error' : 'pass');
        return { latency, correct, status: String(check.body.status) };
      }),
    );
    const latencies = outcomes.map((o) => o.latency).sort((a, b) => a - b);
    const correct = outcomes.filter((o) => o.correct).length;
    console.log(`${SESSIONS} sessions at once (run + GET /health + check), 2 checks at a time, ${((performance.now() - started) / 1000).toFixed(1)} s in all`);
    console.log(`check latency (queue wait included): p50 ${Math.round(percentile(latencies, 0.5))} ms · p95 ${Math.round(percentile(latencies, 0.95))} ms · max ${Math.round(latencies.at(-1)!)} ms`);
    console.log(`correct results: ${correct}/${SESSIONS}${correct === SESSIONS ? '' : ` — wrong: ${outcomes.filter((o) => !o.correct).map((o) => o.status).join(', ')}`}`);
  } finally {
    await site.close();
    rmSync(dist, { recursive: true, force: true });
    rmSync(tmp, { recursive: true, force: true });
  }
}
