/**
 * Test helper (not a test): starts the real site server with the runner on a random port, a small
 * dist/ of its own and a private temp folder, and drives it over real HTTP and WebSocket.
 */
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { startSiteServer, type SiteServer } from '../site-server.ts';
import type { RunnerLimits } from './runner-limits.ts';
import { sessionVerbs, type Verb } from './session-verbs.ts';
import type { ContainerEvent } from '../../runtime/contract.ts';
import { LineSplitter, parseKitchenLine } from '../../runtime/line-splitter.ts';
import { ROOT_ENV } from './workspace-root.ts';

export const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
export const firstServerDir = join(repoRoot, 'exercises/00-how-the-back-end-works/01-first-server');
export const firstServerSolution = readFileSync(join(firstServerDir, 'solution/app.js'), 'utf8');

export function makeDist(): string {
  const dist = mkdtempSync(join(tmpdir(), 'kitchen-test-dist-'));
  writeFileSync(
    join(dist, 'index.html'),
    '<!doctype html><html><head><title>Home</title></head><body>home</body></html>',
  );
  writeFileSync(
    join(dist, '404.html'),
    '<!doctype html><html><head><title>404</title></head><body>missing</body></html>',
  );
  mkdirSync(join(dist, 'learn'));
  writeFileSync(
    join(dist, 'learn', 'index.html'),
    '<!doctype html><html lang="en"><head><title>Learn</title></head><body>learn</body></html>',
  );
  writeFileSync(join(dist, 'style.css'), 'body{}');
  return dist;
}

export interface Reply {
  status: number;
  body: Record<string, unknown> & { error?: string; code?: string };
}

export interface TestRunner {
  site: SiteServer;
  base: string;
  token: string;
  tmp: string;
  call(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Reply>;
  createSession(files?: Record<string, string>): Promise<string>;
  /** Run, stop, request, check or reset a session the way the page does, over its processes (session-verbs.ts). */
  verb(id: string, verb: Verb, body?: unknown): Promise<Reply>;
  events(id: string): Promise<EventLog>;
  close(): Promise<void>;
}

/**
 * The session's container events as the workspace hears them from ContainerRuntime (contract.ts
 * RunnerEvent): the app's output, its port opening as "running", its end as the runner's status, and
 * the grader's lines as check events. The tests assert on these, as a learner sees them.
 */
function asPageEvents(event: ContainerEvent, splitters: Map<string, LineSplitter>): Array<Record<string, unknown>> {
  if (event.type === 'port')
    return event.state === 'open' ? [{ type: 'status', state: 'running', port: event.port }] : [];
  if (event.type === 'process-exit') return event.status ? [{ ...event.status }] : [];
  const events: Array<Record<string, unknown>> = [];
  const splitter = splitters.get(event.pid) ?? new LineSplitter();
  splitters.set(event.pid, splitter);
  let plain = '';
  for (const line of splitter.push(event.data)) {
    const message = parseKitchenLine(line);
    if (!message) plain += `${line}\n`;
    else if (message.type === 'queued') events.push({ type: 'check', state: 'queued', position: message.position });
    else if (message.type === 'running') events.push({ type: 'check', state: 'running' });
    else if (message.type === 'progress') events.push({ ...message, type: 'check-progress' });
    else if (message.type === 'results') events.push({ type: 'check-result', results: message.results });
  }
  if (plain) events.unshift({ type: 'output', stream: event.stream, data: plain });
  return events;
}

export interface EventLog {
  socket: WebSocket;
  messages: Array<Record<string, unknown>>;
  /** Resolves with the first message (already received or coming) that matches. */
  waitFor(
    match: (message: Record<string, unknown>) => boolean,
    timeoutMs?: number,
  ): Promise<Record<string, unknown>>;
}

export async function startTestRunner(limits: Partial<RunnerLimits> = {}): Promise<TestRunner> {
  const dist = makeDist();
  const tmp = mkdtempSync(join(tmpdir(), 'kitchen-test-runner-'));
  const site = await startSiteServer({
    root: repoRoot,
    port: 0,
    host: '127.0.0.1',
    dist,
    runnerTmp: tmp,
    runnerLimits: limits,
    log: () => undefined,
  });
  const base = `http://127.0.0.1:${site.port}`;
  const html = await (await fetch(`${base}/`)).text();
  const token = /<meta name="kitchen-runner" content="([^"]+)">/.exec(html)?.[1];
  if (!token) throw new Error('The test server did not inject a runner token.');
  const call: TestRunner['call'] = async (method, path, body, headers = {}) => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: {
        'X-Kitchen-Token': token,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as Reply['body']) : {} };
  };
  const verbs = sessionVerbs({ base, token, call });
  return {
    site,
    base,
    token,
    tmp,
    call,
    verb: (id, verb, body) => verbs.verb(id, verb, body),
    async createSession(files) {
      const reply = await call('POST', '/api/sessions', { exercise: 'first-server', files });
      if (reply.status !== 201)
        throw new Error(`createSession: ${reply.status} ${JSON.stringify(reply.body)}`);
      return String(reply.body.id);
    },
    async events(id) {
      const socket = new WebSocket(`ws://127.0.0.1:${site.port}/api/sessions/${id}/events?token=${token}`);
      const messages: Array<Record<string, unknown>> = [];
      const waiters: Array<{
        match: (m: Record<string, unknown>) => boolean;
        resolve: (m: Record<string, unknown>) => void;
      }> = [];
      const splitters = new Map<string, LineSplitter>();
      socket.on('message', (data) => {
        for (const message of asPageEvents(JSON.parse(String(data)) as ContainerEvent, splitters)) {
          messages.push(message);
          for (const waiter of [...waiters]) {
            if (waiter.match(message)) {
              waiters.splice(waiters.indexOf(waiter), 1);
              waiter.resolve(message);
            }
          }
        }
      });
      await new Promise((resolve, reject) => {
        socket.once('open', resolve);
        socket.once('error', reject);
      });
      return {
        socket,
        messages,
        waitFor(match, timeoutMs = 20_000) {
          const found = messages.find(match);
          if (found) return Promise.resolve(found);
          return new Promise((resolve, reject) => {
            const timer = setTimeout(
              () =>
                reject(
                  new Error(
                    `No matching event within ${timeoutMs} ms; got ${JSON.stringify(messages).slice(0, 2000)}`,
                  ),
                ),
              timeoutMs,
            );
            waiters.push({ match, resolve: (m) => (clearTimeout(timer), resolve(m)) });
          });
        },
      };
    },
    async close() {
      await site.close();
      rmSync(dist, { recursive: true, force: true });
      rmSync(tmp, { recursive: true, force: true });
    },
  };
}

/** Pids of live processes that carry a runner root marker under `tmp` (learner processes). */
export function learnerPids(tmp: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    try {
      const environ = readFileSync(`/proc/${pid}/environ`, 'latin1');
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      if (stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z')) continue;
      if (environ.split('\0').some((line) => line.startsWith(`${ROOT_ENV}=${tmp}`))) pids.push(pid);
    } catch {
      // Gone, or not ours to read.
    }
  }
  return pids;
}
