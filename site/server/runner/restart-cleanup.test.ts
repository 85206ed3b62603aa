import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import WebSocket from 'ws';
import { waitGone } from '../../../grader/src/process-tree.ts';
import { detectBubblewrap } from './bubblewrap.ts';
import { learnerPids, makeDist, repoRoot } from './test-server.ts';

const sandboxed = detectBubblewrap().available;

const tmp = mkdtempSync(join(tmpdir(), 'kitchen-test-restart-'));
const dist = makeDist();
const started: ChildProcess[] = [];

afterAll(() => {
  for (const child of started) child.kill('SIGKILL');
  rmSync(tmp, { recursive: true, force: true });
  rmSync(dist, { recursive: true, force: true });
});

/** Starts `node site/server/start.ts` (what `npm start` runs) and resolves with its address and output. */
async function startServer(
  env: Record<string, string> = {},
): Promise<{ child: ChildProcess; base: string; output: () => string }> {
  const child = spawn(process.execPath, ['--disable-sigusr1', join(repoRoot, 'site/server/start.ts')], {
    cwd: repoRoot,
    env: {
      ...process.env,
      PORT: '0',
      KITCHEN_SKIP_BUILD: '1',
      KITCHEN_DIST: dist,
      KITCHEN_RUNNER_TMP: tmp,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(child);
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const base = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The server did not start: ${output}`)), 20_000);
    const poll = setInterval(() => {
      const match = /running at http:\/\/[^:]+:(\d+)/.exec(output);
      // The last line it prints at start says whether learner code is sandboxed.
      if (match && /Learner code runs in a bubblewrap sandbox|learner code is NOT isolated/.test(output)) {
        clearInterval(poll);
        clearTimeout(timer);
        resolve(`http://127.0.0.1:${match[1]}`);
      }
    }, 50);
  });
  return { child, base, output: () => output };
}

describe('restarting after a crash', () => {
  test('a server killed mid-run leaves no app running (or orphans that the next start removes), and its folder is removed', async () => {
    const first = await startServer();
    expect(first.output()).toMatch(/Backend Kitchen is running at http:\/\/localhost:\d+/);
    expect(first.output()).toMatch(/Local runner: /);
    const html = await (await fetch(`${first.base}/`)).text();
    const token = /content="([^"]+)"/.exec(html)![1]!;
    const headers = { 'X-Kitchen-Token': token, 'Content-Type': 'application/json' };
    const created = (await (
      await fetch(`${first.base}/api/sessions`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ exercise: 'first-server' }),
      })
    ).json()) as { id: string };
    const socket = new WebSocket(
      `${first.base.replace('http', 'ws')}/api/sessions/${created.id}/events?token=${token}`,
    );
    const running = new Promise<void>((resolve) =>
      socket.on('message', (data) => String(data).includes('"type":"port"') && resolve()),
    );
    await new Promise((resolve) => socket.once('open', resolve));
    await fetch(`${first.base}/api/sessions/${created.id}/processes`, {
      method: 'POST',
      headers: { ...headers, 'Content-Type': 'application/json' },
      body: JSON.stringify({ pid: 'app', command: 'node', args: ['server.js'] }),
    });
    await running;
    socket.terminate();

    const orphans = learnerPids(tmp);
    expect(orphans.length).toBeGreaterThan(0);
    first.child.kill('SIGKILL');
    await new Promise((resolve) => first.child.once('exit', resolve));
    if (sandboxed) {
      // bubblewrap's --die-with-parent: the sandbox dies with the server, nothing is left running.
      await waitGone(orphans);
      expect(learnerPids(tmp)).toEqual([]);
    } else {
      expect(learnerPids(tmp)).toEqual(orphans);
    }
    const staleFolders = readdirSync(tmp);
    expect(staleFolders).toHaveLength(1);

    const second = await startServer();
    expect(second.output()).toMatch(
      sandboxed
        ? /removed 1 workspace folder\(s\) and \d+ process\(es\) left by an earlier start/
        : /removed 1 workspace folder\(s\) and [1-9]\d* process\(es\) left by an earlier start/,
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(learnerPids(tmp)).toEqual([]);
    expect(existsSync(join(tmp, staleFolders[0]!))).toBe(false);

    // A clean stop (SIGTERM) removes the folder of this start too.
    second.child.kill('SIGTERM');
    await new Promise((resolve) => second.child.once('exit', resolve));
    expect(readdirSync(tmp)).toEqual([]);
  }, 60_000);

  test('says at start whether learner code is sandboxed', async () => {
    const server = await startServer();
    expect(server.output()).toContain(
      sandboxed
        ? 'Learner code runs in a bubblewrap sandbox'
        : 'WARNING: learner code is NOT isolated on this machine',
    );
    server.child.kill('SIGTERM');
    await new Promise((resolve) => server.child.once('exit', resolve));
  }, 30_000);

  test('without a sandbox, widening HOST refuses to start unless the person opts in', async () => {
    const refused = spawnSync(process.execPath, [join(repoRoot, 'site/server/start.ts')], {
      cwd: repoRoot,
      env: {
        ...process.env,
        KITCHEN_SANDBOX: 'off',
        HOST: '0.0.0.0',
        PORT: '0',
        KITCHEN_SKIP_BUILD: '1',
        KITCHEN_DIST: dist,
        KITCHEN_RUNNER_TMP: tmp,
      },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('learner code is not isolated on this machine (KITCHEN_SANDBOX=off)');
    expect(refused.stderr).toContain('KITCHEN_ALLOW_UNSANDBOXED_HOST=1 npm start');
    const server = await startServer({
      KITCHEN_SANDBOX: 'off',
      HOST: '0.0.0.0',
      KITCHEN_ALLOW_UNSANDBOXED_HOST: '1',
    });
    expect(server.output()).toContain(
      'WARNING: learner code is NOT isolated on this machine (KITCHEN_SANDBOX=off)',
    );
    server.child.kill('SIGTERM');
    await new Promise((resolve) => server.child.once('exit', resolve));
  }, 40_000);

  test('widening HOST prints a loud warning', async () => {
    const server = await startServer({ HOST: '0.0.0.0' });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(server.output()).toContain(
      'Anyone who can reach this port can open the site and run code on this machine',
    );
    server.child.kill('SIGTERM');
    await new Promise((resolve) => server.child.once('exit', resolve));
  }, 30_000);
});
