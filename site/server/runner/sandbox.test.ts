import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { detectBubblewrap } from './bubblewrap.ts';
import { startLearnerProcess } from './learner-process.ts';
import { learnerPids, repoRoot, startTestRunner, type TestRunner } from './test-server.ts';

let runner: TestRunner;

beforeAll(async () => {
  process.env.KITCHEN_TEST_SECRET = 'do-not-leak-me';
  runner = await startTestRunner({ listenTimeoutMs: 3000, runOutputBytes: 64 * 1024 });
});
afterAll(async () => {
  delete process.env.KITCHEN_TEST_SECRET;
  await runner.close();
});

/** Runs `app.js` source in a fresh session and returns the events up to the first final status. */
async function runApp(
  source: string,
  until = (m: Record<string, unknown>) => m.type === 'status' && m.state !== 'starting',
) {
  const id = await runner.createSession({ 'app.js': source });
  const events = await runner.events(id);
  expect((await runner.verb(id, 'run')).status).toBe(202);
  const status = await events.waitFor(until, 20_000);
  const output = events.messages
    .filter((m) => m.type === 'output')
    .map((m) => m.data)
    .join('');
  return { id, events, status, output };
}

/** Alive and not a zombie (a container's init may be slow to reap orphans). */
function isLive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return false;
  }
}

const final = (m: Record<string, unknown>) =>
  m.type === 'status' && m.state !== 'starting' && m.state !== 'running';
const keepAlive = 'setInterval(() => {}, 1000);\n';

describe('the sandbox around learner code', () => {
  test('learner code cannot read files outside its workspace', async () => {
    const source = `import fs from 'node:fs';
for (const file of ['/etc/hostname', ${JSON.stringify(join(repoRoot, 'package.json'))}, '../node_modules/../owner.json']) {
  try { fs.readFileSync(file); console.log('READ', file); } catch (error) { console.log('DENIED', error.code); }
}
${keepAlive}export default (await import('express')).default();`;
    const { output, id } = await runApp(source, (m) => m.type === 'status' && m.state === 'running');
    expect(output).not.toContain('READ');
    expect(output.match(/DENIED ERR_ACCESS_DENIED/g)).toHaveLength(3);
    await runner.call('DELETE', `/api/sessions/${id}`);
  });

  test("learner code cannot write outside the workspace, start processes or see the server's secrets", async () => {
    const source = `import fs from 'node:fs';
import { spawnSync } from 'node:child_process';
try { fs.writeFileSync('../node_modules/planted.js', 'x'); console.log('WROTE'); } catch (error) { console.log('WRITE', error.code); }
try { spawnSync('/bin/sh', ['-c', 'id']); console.log('SPAWNED'); } catch (error) { console.log('SPAWN', error.code); }
console.log('ENV', JSON.stringify(process.env));
${keepAlive}export default (await import('express')).default();`;
    const { output, id } = await runApp(source, (m) => m.type === 'status' && m.state === 'running');
    expect(output).toContain('WRITE ERR_ACCESS_DENIED');
    expect(output).toContain('SPAWN ERR_ACCESS_DENIED');
    expect(existsSync(join(repoRoot, 'node_modules/planted.js'))).toBe(false);
    const env = JSON.parse(/ENV (.*)/.exec(output)![1]!) as Record<string, string>;
    expect(JSON.stringify(env)).not.toContain('do-not-leak-me');
    expect(JSON.stringify(env)).not.toContain(runner.token);
    expect(Object.keys(env).sort()).toEqual([
      'HOME',
      'KITCHEN_RUNNER_ROOT',
      ...(detectBubblewrap().available ? ['KITCHEN_SOCKET'] : []),
      'LANG',
      'NODE_ENV',
      'PATH',
      'PORT',
      // bubblewrap sets the working folder's path (the workspace, like HOME).
      ...(detectBubblewrap().available ? ['PWD'] : []),
      'TMPDIR',
    ]);
    await runner.call('DELETE', `/api/sessions/${id}`);
  });

  test('a process group is killed as a whole: a grandchild is not left behind', async () => {
    const script = `const { spawn } = require('node:child_process');
const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
console.log('GRANDCHILD', child.pid);
setInterval(() => {}, 1000);`;
    let grandchild = 0;
    const proc = startLearnerProcess({
      args: ['-e', script],
      cwd: runner.tmp,
      env: { PATH: process.env.PATH ?? '' },
      outputBytes: 10_000,
      maxMs: 30_000,
      onOutput: (_stream, text) => {
        const match = /GRANDCHILD (\d+)/.exec(text);
        if (match) grandchild = Number(match[1]);
      },
    });
    while (!grandchild) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(isLive(grandchild)).toBe(true);
    proc.kill('stopped');
    const exit = await proc.exited;
    expect(exit.reason).toBe('stopped');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(isLive(grandchild)).toBe(false);
  });

  test('an app that prints forever is stopped with "output-limit"', async () => {
    const { status, id } = await runApp(
      `${keepAlive}setInterval(() => { for (let i = 0; i < 100; i++) console.log('spam '.repeat(20)); }, 1);\nexport default (await import('express')).default();`,
      final,
    );
    expect(status).toMatchObject({ state: 'output-limit', code: 'OUTPUT_LIMIT' });
    await runner.call('DELETE', `/api/sessions/${id}`);
  });

  test('an app that crashes reports its exit code and last lines', async () => {
    const { status, id } = await runApp(
      `console.log('about to fail');\nthrow new Error('boom from app.js');\nexport default {};\n`,
    );
    expect(status).toMatchObject({ state: 'crashed', code: 'CRASHED', exitCode: 1 });
    expect(String(status.message)).toContain('boom from app.js');
    expect(String(status.message)).toContain('app.js:2');
    expect(String(status.message)).not.toContain(runner.tmp);
    await runner.call('DELETE', `/api/sessions/${id}`);
  });

  test('an app that never listens is reported after the listen timeout', async () => {
    const { status, id } = await runApp(`${keepAlive}await new Promise(() => {});\nexport default {};`);
    expect(status).toMatchObject({ state: 'timeout', code: 'NEVER_LISTENED' });
    await runner.call('DELETE', `/api/sessions/${id}`);
  });

  test('an app that listens on another port is told which one', async () => {
    const { status, id } = await runApp(
      `import http from 'node:http';\nhttp.createServer().listen(0);\nawait new Promise(() => {});\nexport default {};`,
    );
    expect(status).toMatchObject({ state: 'timeout', code: 'WRONG_PORT' });
    expect(String(status.message)).toMatch(/listens on port \d+, but the runner gave it port \d+/);
    await runner.call('DELETE', `/api/sessions/${id}`);
  });

  test('an app that eats memory is stopped by the memory cap', async () => {
    const { status, id } = await runApp(
      `const hoard = [];\nwhile (true) hoard.push(new Array(100000).fill(Math.random()));\nexport default {};\n`,
    );
    expect(status).toMatchObject({ state: 'crashed', code: 'OUT_OF_MEMORY' });
    await runner.call('DELETE', `/api/sessions/${id}`);
  }, 30_000);

  test('ending a session removes its workspace and leaves no process', async () => {
    const id = await runner.createSession();
    const events = await runner.events(id);
    await runner.verb(id, 'run');
    await events.waitFor((m) => m.type === 'status' && m.state === 'running');
    const workspace = runner.site.runner!.store.get(id).workspace;
    expect(learnerPids(runner.tmp).length).toBeGreaterThan(0);
    expect((await runner.call('DELETE', `/api/sessions/${id}`)).status).toBe(204);
    expect(existsSync(workspace)).toBe(false);
    expect(learnerPids(runner.tmp)).toEqual([]);
  });
});
