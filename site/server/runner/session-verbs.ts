/**
 * For the runner's tests and benches (not the browser): run, stop, request, check and reset over the
 * local container's API (spawn `node <entry>`, read the process's lines and exit on the event socket),
 * answered the way a plain JSON API would: `{ status, body }`, an error with the contract's status for
 * its code. The browser does the same through ContainerRuntime + LocalContainer (site/runtime).
 */
import WebSocket from 'ws';
import { isDatabaseFile } from '../../runtime/learner-path.ts';
import { LineSplitter, parseKitchenLine } from '../../runtime/line-splitter.ts';
import {
  APP_ENTRY,
  GRADER_ENTRY,
  REQUEST_ENTRY,
  RUNNER_ERRORS,
  isRunnerErrorCode,
  type ContainerEvent,
  type KitchenLine,
} from '../../runtime/contract.ts';

export interface VerbReply {
  status: number;
  body: Record<string, unknown> & { error?: string; code?: string };
}

export type Call = (method: string, path: string, body?: unknown) => Promise<VerbReply>;

export type Verb = 'run' | 'stop' | 'request' | 'check' | 'resetData';

/** Codes a check can fail with before it runs, which the old API answered as HTTP errors. */
const CHECK_REFUSALS = new Set(['CHECK_IN_PROGRESS', 'SESSION_NOT_FOUND', 'QUEUE_FULL', 'RUNNER_FULL']);

export function sessionVerbs(options: { base: string; token: string; call: Call; timeoutMs?: number }) {
  const { call } = options;
  const timeoutMs = options.timeoutMs ?? 120_000;
  let next = 0;
  const apps = new Map<string, string>();
  const graders = new Map<string, string>();
  const path = (id: string) => `/api/sessions/${encodeURIComponent(id)}`;

  /** Listens to the session's events for `pid` until `done` says so (or the process exits). */
  async function watch(
    id: string,
    pid: string,
    start: () => Promise<VerbReply | undefined>,
    done: (line: KitchenLine) => boolean,
  ): Promise<{ refused?: VerbReply; lines: KitchenLine[]; exitCode?: number; ended?: boolean }> {
    const url = `${options.base.replace(/^http/, 'ws')}${path(id)}/events?token=${options.token}`;
    const socket = new WebSocket(url);
    await new Promise((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('error', reject);
    });
    const lines: KitchenLine[] = [];
    const splitter = new LineSplitter();
    try {
      return await new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`No answer from process ${pid} in ${timeoutMs} ms`)), timeoutMs);
        const finish = (value: { refused?: VerbReply; lines: KitchenLine[]; exitCode?: number; ended?: boolean }) => {
          clearTimeout(timer);
          resolve(value);
        };
        // The runner closes the socket when the session ends: nothing more will come.
        socket.on('close', () => finish({ lines, ended: true }));
        socket.on('message', (data) => {
          const event = JSON.parse(String(data)) as ContainerEvent;
          if (event.type === 'port' || event.pid !== pid) return;
          if (event.type === 'process-exit') {
            finish({ lines, exitCode: event.exitCode });
            return;
          }
          for (const text of splitter.push(event.data)) {
            const line = parseKitchenLine(text);
            if (!line) continue;
            lines.push(line);
            if (done(line)) finish({ lines });
          }
        });
        start().then(
          (refused) => refused && finish({ refused, lines }),
          (error: unknown) => reject(error instanceof Error ? error : new Error(String(error))),
        );
      });
    } finally {
      socket.close();
    }
  }

  const spawn = async (id: string, pid: string, args: string[]): Promise<VerbReply | undefined> => {
    const reply = await call('POST', `${path(id)}/processes`, { pid, command: 'node', args });
    return reply.status === 201 ? undefined : reply;
  };

  async function run(id: string): Promise<VerbReply> {
    const pid = `app-${(next += 1)}`;
    const refused = await spawn(id, pid, [APP_ENTRY]);
    if (refused) return refused;
    apps.set(id, pid);
    return { status: 202, body: {} };
  }

  async function stop(id: string): Promise<VerbReply> {
    const pid = apps.get(id);
    if (!pid) return { status: 204, body: {} };
    return call('DELETE', `${path(id)}/processes/${pid}`);
  }

  async function request(id: string, body: unknown): Promise<VerbReply> {
    const pid = `request-${(next += 1)}`;
    const { refused, lines } = await watch(
      id,
      pid,
      () => spawn(id, pid, [REQUEST_ENTRY, JSON.stringify(body)]),
      (line) => line.type === 'reply' || line.type === 'reply-error',
    );
    if (refused) return refused;
    for (const line of lines) {
      if (line.type === 'reply') return { status: 200, body: { ...line.reply } };
      if (line.type === 'reply-error') {
        const code = line.code ?? 'RUNNER_FAILED';
        return { status: isRunnerErrorCode(code) ? RUNNER_ERRORS[code] : 500, body: { error: line.message, code } };
      }
    }
    return { status: 500, body: { error: 'The request process ended without a reply.', code: 'RUNNER_FAILED' } };
  }

  async function check(id: string): Promise<VerbReply> {
    const checkId = (next += 1);
    let pid = graders.get(id);
    const started = pid !== undefined;
    pid ??= `grader-${checkId}`;
    const grader = pid;
    const { refused, lines, ended } = await watch(
      id,
      grader,
      async () => {
        if (!started) {
          const refusal = await spawn(id, grader, [GRADER_ENTRY, '--serve']);
          if (refusal) return refusal;
          graders.set(id, grader);
        }
        const sent = await call('POST', `${path(id)}/processes/${grader}/input`, {
          data: `${JSON.stringify({ type: 'check', id: checkId })}\n`,
        });
        if (sent.status !== 204) {
          graders.delete(id);
          return sent;
        }
        return undefined;
      },
      (line) => line.type === 'results' && line.id === checkId,
    );
    if (refused) return refused;
    const results = lines.find((line) => line.type === 'results' && line.id === checkId);
    if (!results && ended) {
      graders.delete(id);
      return { status: 409, body: { error: 'The session ended before the check finished.', code: 'CHECK_CANCELLED' } };
    }
    if (!results || results.type !== 'results') {
      graders.delete(id);
      return { status: 500, body: { error: 'The grader ended without results.', code: 'RUNNER_FAILED' } };
    }
    const doc = results.results;
    if (doc.status === 'error' && doc.code && CHECK_REFUSALS.has(doc.code) && isRunnerErrorCode(doc.code))
      return { status: RUNNER_ERRORS[doc.code], body: { error: doc.message, code: doc.code } };
    return { status: 200, body: { ...doc } };
  }

  async function resetData(id: string): Promise<VerbReply> {
    await stop(id);
    const listed = await call('GET', `${path(id)}/files`);
    if (listed.status !== 200) return listed;
    const names = (listed.body.names as string[]).filter(isDatabaseFile);
    for (const name of names) await call('DELETE', `${path(id)}/files`, { path: name });
    return { status: 200, body: { deleted: names } };
  }

  return {
    verb(id: string, verb: Verb, body?: unknown): Promise<VerbReply> {
      switch (verb) {
        case 'run':
          return run(id);
        case 'stop':
          return stop(id);
        case 'request':
          return request(id, body);
        case 'check':
          return check(id);
        case 'resetData':
          return resetData(id);
      }
    },
  };
}
