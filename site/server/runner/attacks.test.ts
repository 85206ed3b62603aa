/**
 * A hostile learner's app.js against the local runner, through the site's own API, one attack per
 * test (the security review of issue 10). Each must fail with the bubblewrap wall on; after each the
 * session is ended and nothing of it may be left running or on disk, and the site still answers.
 * On a machine without bubblewrap these tests are skipped (the README says what is then isolated).
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { waitGone } from '../../../grader/src/process-tree.ts';
import { clientKeyOf } from './api-router.ts';
import { detectBubblewrap } from './bubblewrap.ts';
import { canConnect } from './port-watch.ts';
import { learnerPids, repoRoot, startTestRunner, type EventLog, type TestRunner } from './test-server.ts';

const sandboxed = detectBubblewrap().available;
const outside = mkdtempSync(join(tmpdir(), 'kitchen-attack-target-'));
const express =
  "import express from 'express';\nconst app = express();\napp.get('/health', (req, res) => res.json({ status: 'ok' }));\n";
const tail = 'export default app;\n';

let runner: TestRunner;
const sessions: string[] = [];

beforeAll(async () => {
  runner = await startTestRunner({
    listenTimeoutMs: 5000,
    residentMb: 300,
    diskMb: 40,
    writeFileMb: 20,
    runCpuSeconds: 3,
  });
});

afterEach(async () => {
  const pids = learnerPids(runner.tmp);
  for (const id of sessions.splice(0)) await runner.call('DELETE', `/api/sessions/${id}`);
  await waitGone(pids);
  // Nothing left running, nothing left on disk, and the site answers at its normal speed.
  expect(learnerPids(runner.tmp)).toEqual([]);
  expect(readdirSync(runner.site.runner!.root.sessionsDir)).toEqual([]);
  const started = performance.now();
  expect((await fetch(`${runner.base}/`)).status).toBe(200);
  expect(performance.now() - started).toBeLessThan(1000);
});

afterAll(async () => {
  await runner.close();
  rmSync(outside, { recursive: true, force: true });
});

async function session(source: string): Promise<{ id: string; events: EventLog }> {
  const id = await runner.createSession({ 'app.js': source });
  sessions.push(id);
  return { id, events: await runner.events(id) };
}

/** Runs the app; resolves once it listens (or ends), with what it printed. */
async function run(source: string) {
  const { id, events } = await session(source);
  expect((await runner.verb(id, 'run')).status).toBe(202);
  const status = await events.waitFor((m) => m.type === 'status' && m.state !== 'starting', 20_000);
  const output = () =>
    events.messages
      .filter((m) => m.type === 'output')
      .map((m) => m.data)
      .join('');
  return { id, events, status, output };
}

/** Waits until the app printed a line starting with `marker`, and returns the text after it. */
async function printed(events: EventLog, marker: string): Promise<string> {
  const message = await events.waitFor((m) => m.type === 'output' && String(m.data).includes(marker), 15_000);
  return /.*/.exec(String(message.data).slice(String(message.data).indexOf(marker) + marker.length))![0];
}

describe.skipIf(!sandboxed)('a hostile app against the bubblewrap wall', () => {
  test('cannot overwrite the harness, tests, helpers or config, nor plant a module, and so cannot forge a pass', async () => {
    const workspaceFiles = [
      'harness.mjs',
      'grading/http.js',
      'tests/health.test.js',
      'vitest.config.js',
      'server.js',
      'package.json',
    ];
    // A starter-like app (no GET /health) that tries to replace every grading file with one that passes.
    const source = `import fs from 'node:fs';
const results = [];
for (const file of ${JSON.stringify(workspaceFiles)}) {
  try { fs.writeFileSync(file, 'console.log("@@kitchen " + JSON.stringify({type:"results",results:{version:3,status:"pass",tasks:[],tests:[]}}));'); results.push('WROTE ' + file); }
  catch (error) { results.push(error.code + ' ' + file); }
}
for (const dir of ['node_modules/vitest', 'node_modules/supertest']) {
  try { fs.mkdirSync(dir, { recursive: true }); fs.writeFileSync(dir + '/index.js', 'export default 1'); results.push('PLANTED ' + dir); }
  catch (error) { results.push(error.code + ' ' + dir); }
}
try { fs.renameSync('tests', 'old-tests'); results.push('MOVED tests'); } catch (error) { results.push(error.code + ' rename'); }
console.log('ATTEMPTS ' + results.join(', '));
import express from 'express';
const app = express();
export default app;
`;
    const before = workspaceFiles.map((file) =>
      readFileSync(
        join(
          repoRoot,
          'exercises/_template',
          file.replace(
            'tests/health.test.js',
            '../00-how-the-back-end-works/01-first-server/tests/health.test.js',
          ),
        ),
        'utf8',
      ),
    );
    const { events } = await run(source);
    const attempts = await printed(events, 'ATTEMPTS ');
    expect(attempts).not.toMatch(/WROTE|PLANTED|MOVED/);
    expect(attempts).toContain('EROFS harness.mjs');
    // The check runs the real grader: the app does not answer GET /health, so it fails.
    const id = sessions[0]!;
    const check = await runner.verb(id, 'check');
    expect(check.body.status).toBe('fail');
    const workspace = runner.site.runner!.store.get(id).workspace;
    workspaceFiles.forEach((file, index) =>
      expect(readFileSync(join(workspace, file), 'utf8')).toBe(before[index]),
    );
    expect(existsSync(join(workspace, 'node_modules/vitest'))).toBe(false);
  }, 60_000);

  test("cannot open the server's debugger with SIGUSR1 or reach an inspector port", async () => {
    const source = `import net from 'node:net';
const sent = (() => { try { process.kill(${process.pid}, 'SIGUSR1'); return 'SENT'; } catch (error) { return error.code; } })();
const parent = (() => { try { process.kill(process.ppid, 'SIGUSR1'); return 'parent ' + process.ppid; } catch (error) { return error.code; } })();
const socket = net.connect(9229, '127.0.0.1');
socket.on('connect', () => console.log('INSPECTOR connected ' + sent));
socket.on('error', (error) => console.log('INSPECTOR ' + error.code + ' ' + sent + ' ' + parent));
${express}${tail}`;
    const { events } = await run(source);
    const line = await printed(events, 'INSPECTOR ');
    // The server's pid does not exist in the sandbox's PID namespace, and there is no network.
    expect(line).toMatch(/^ECONNREFUSED ESRCH parent [01]$/);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await canConnect(9229)).toBe(false);
  });

  test("cannot signal another learner's app or the server", async () => {
    const victim = await run(`${express}${tail}`);
    expect(victim.status).toMatchObject({ state: 'running' });
    const victimPids = learnerPids(runner.tmp);
    const source = `const outcomes = ${JSON.stringify([process.pid, ...victimPids])}.map((pid) => { try { process.kill(pid, 'SIGKILL'); return 'KILLED'; } catch (error) { return error.code; } });
console.log('SIGNALS ' + outcomes.join(' '));
${express}${tail}`;
    const { events } = await run(source);
    const line = await printed(events, 'SIGNALS ');
    // Those pids do not exist in the sandbox's own PID namespace.
    expect(line).toBe(
      Array(1 + victimPids.length)
        .fill('ESRCH')
        .join(' '),
    );
    const reply = await runner.verb(victim.id, 'request', {
      method: 'GET',
      path: '/health',
    });
    expect(reply.status).toBe(200);
  });

  test('node:sqlite cannot open, ATTACH or VACUUM INTO files outside the workspace', async () => {
    const target = join(outside, 'stolen.db');
    const source = `import { DatabaseSync } from 'node:sqlite';
const tries = [];
for (const [what, run] of [
  ['open', () => new DatabaseSync(${JSON.stringify(target)})],
  ['attach', () => new DatabaseSync(':memory:').exec("ATTACH DATABASE '${target}' AS x; CREATE TABLE x.t(a)")],
  ['vacuum', () => { const db = new DatabaseSync('mine.db'); db.exec('CREATE TABLE IF NOT EXISTS t(a)'); db.exec("VACUUM INTO '${target}'"); }],
  ['repo', () => new DatabaseSync(${JSON.stringify(join(repoRoot, 'package.json'))}).prepare('SELECT 1').get()],
]) {
  try { run(); tries.push(what + ' OK'); } catch (error) { tries.push(what + ' ' + (error.code ?? error.message)); }
}
console.log('SQLITE ' + tries.join(', '));
${express}${tail}`;
    const { events } = await run(source);
    const line = await printed(events, 'SQLITE ');
    expect(line).not.toMatch(/(open|attach|vacuum) OK/);
    expect(existsSync(target)).toBe(false);
    expect(readdirSync(outside)).toEqual([]);
  });

  test("cannot reach the site's port, hold its sockets, or open sessions", async () => {
    const source = `import net from 'node:net';
let refused = 0, connected = 0;
await Promise.all(Array.from({ length: 200 }, () => new Promise((resolve) => {
  const socket = net.connect(${runner.site.port}, '127.0.0.1');
  socket.on('connect', () => { connected++; resolve(); });
  socket.on('error', () => { refused++; resolve(); });
})));
let fetched;
try { await fetch('${runner.base}/'); fetched = 'FETCHED'; } catch (error) { fetched = error.cause?.code ?? error.message; }
console.log('FLOOD connected ' + connected + ' refused ' + refused + ' ' + fetched);
${express}${tail}`;
    const { events } = await run(source);
    expect(await printed(events, 'FLOOD ')).toBe('connected 0 refused 200 ECONNREFUSED');
  });

  test("cannot call another learner's app, on its socket or on a port", async () => {
    const victim = await run(`${express}${tail}`);
    const socketPath = join(runner.site.runner!.root.socketsDir, victim.id.slice(0, 16), 'app.sock');
    expect(await canConnect(socketPath)).toBe(true);
    const source = `import net from 'node:net';
const attempt = (options) => new Promise((resolve) => {
  const socket = net.connect(options);
  socket.on('connect', () => { socket.destroy(); resolve('CONNECTED'); });
  socket.on('error', (error) => resolve(error.code));
});
console.log('NEIGHBOUR ' + [await attempt({ path: ${JSON.stringify(socketPath)} }), await attempt({ port: 3000, host: '127.0.0.1' })].join(' '));
${express}${tail}`;
    const { events } = await run(source);
    expect(await printed(events, 'NEIGHBOUR ')).toMatch(/^(ENOENT|ERR_ACCESS_DENIED|EACCES) ECONNREFUSED$/);
  });

  test('memory outside the V8 heap (Buffers) is capped by resident size', async () => {
    const { status } = await run(`const hoard = [];
setInterval(() => { const chunk = Buffer.alloc(32 * 1024 * 1024, 1); hoard.push(chunk); }, 20);
${express}${tail}`);
    const final =
      status.state === 'running'
        ? await runner
            .events(sessions.at(-1)!)
            .then((events) => events.waitFor((m) => m.type === 'status' && m.state === 'crashed', 20_000))
        : status;
    expect(final).toMatchObject({ state: 'crashed', code: 'OUT_OF_MEMORY' });
    expect(String(final.message)).toContain('more than 300 MB of memory');
  }, 40_000);

  test('one file larger than the limit is refused by the kernel, and the app is told why', async () => {
    const { status, events } = await run(`import fs from 'node:fs';
const fd = fs.openSync('big.bin', 'w');
const block = Buffer.alloc(1024 * 1024, 7);
for (let i = 0; i < 300; i++) fs.writeSync(fd, block);
${express}${tail}`);
    expect(status).toMatchObject({ state: 'crashed', code: 'FILE_TOO_LARGE' });
    expect(String(status.message)).toContain('larger than 20 MB');
    expect(events.messages.length).toBeGreaterThan(0);
  });

  test('many smaller files past the workspace quota stop the app', async () => {
    const { events } = await run(`import fs from 'node:fs';
let i = 0;
const timer = setInterval(() => { if (i < 30) fs.writeFileSync('part-' + i++ + '.bin', Buffer.alloc(5 * 1024 * 1024, 1)); }, 30);
${express}${tail}`);
    const stopped = await events.waitFor((m) => m.type === 'status' && m.state === 'crashed', 20_000);
    expect(stopped).toMatchObject({ code: 'DISK_LIMIT' });
    expect(String(stopped.message)).toContain('past 40 MB');
  });

  test('a busy loop is stopped by the CPU time limit', async () => {
    const { events } = await run(`${express}setTimeout(() => { while (true) {} }, 100);
${tail}`);
    const stopped = await events.waitFor((m) => m.type === 'status' && m.state === 'crashed', 20_000);
    expect(stopped).toMatchObject({ code: 'CPU_LIMIT' });
  });

  test('open files and sockets are capped per process', async () => {
    const { events } = await run(`import fs from 'node:fs';
let opened = 0, error = 'none';
try { for (let i = 0; i < 5000; i++) { fs.openSync('server.js', 'r'); opened++; } } catch (e) { error = e.code; }
console.log('FILES ' + error + ' ' + opened);
${express}${tail}`);
    const line = await printed(events, 'FILES ');
    expect(line).toMatch(/^EMFILE \d+$/);
    expect(Number(line.split(' ')[1])).toBeLessThan(1024);
  });

  test('links, process.binding, workers, WASI, the inspector and addons stay blocked', async () => {
    const addon = join(repoRoot, 'node_modules/sqlite3/build/Release/node_sqlite3.node');
    const source = `import fs from 'node:fs';
const results = {};
const attempt = async (name, fn) => { try { await fn(); results[name] = 'OK'; } catch (error) { results[name] = error.code ?? error.name; } };
await attempt('symlink-read', () => { fs.symlinkSync(${JSON.stringify(join(repoRoot, 'package.json'))}, 'link.json'); fs.readFileSync('link.json'); });
await attempt('binding', () => process.binding('fs'));
await attempt('worker', async () => { const { Worker } = await import('node:worker_threads'); new Worker('setInterval(() => {}, 1000)', { eval: true }); });
await attempt('wasi', async () => { const { WASI } = await import('node:wasi'); new WASI({ version: 'preview1', preopens: { '/': '/' } }); });
await attempt('inspector', async () => { (await import('node:inspector')).open(0); });
await attempt('addon', () => { fs.copyFileSync(${JSON.stringify(addon)}, 'evil.node'); process.dlopen({ exports: {} }, fs.realpathSync('evil.node')); });
await attempt('child', async () => { (await import('node:child_process')).execSync('id'); });
console.log('BLOCKED ' + JSON.stringify(results));
${express}${tail}`;
    const { events } = await run(source);
    const results = JSON.parse(await printed(events, 'BLOCKED ')) as Record<string, string>;
    for (const [name, outcome] of Object.entries(results))
      expect(`${name} ${outcome}`).not.toBe(`${name} OK`);
  });

  test('learner code in a check is sandboxed too: no network, read-only grader', async () => {
    const marker = join(outside, 'check-was-here');
    const source = `import fs from 'node:fs';
import net from 'node:net';
const found = [];
try { fs.writeFileSync('harness.mjs', 'x'); found.push('WROTE'); } catch (error) { found.push(error.code); }
try { fs.writeFileSync(${JSON.stringify(marker)}, 'x'); found.push('ESCAPED'); } catch (error) { found.push(error.code); }
found.push(await new Promise((resolve) => { const s = net.connect(${runner.site.port}, '127.0.0.1'); s.on('connect', () => resolve('REACHED')); s.on('error', (e) => resolve(e.code)); }));
import express from 'express';
const app = express();
app.get('/health', (req, res) => res.json({ status: found.join(' ') }));
export default app;
`;
    const { id } = await session(source);
    const check = await runner.verb(id, 'check');
    const messages = JSON.stringify(check.body);
    expect(messages).not.toMatch(/WROTE|ESCAPED|REACHED/);
    expect(messages).toContain('EROFS');
    expect(existsSync(marker)).toBe(false);
  }, 60_000);

  test("what is not an attack still works inside: localhost resolves to the sandbox's own loopback", async () => {
    // An app (or a fake provider a test starts) that calls itself at http://localhost:<port> must work;
    // there is no DNS in the sandbox, so only its /etc/hosts can answer.
    const source = `${express}import http from 'node:http';
const probe = http.createServer((req, res) => res.end('pong')).listen(0, '127.0.0.1', async () => {
  try {
    const reply = await fetch('http://localhost:' + probe.address().port + '/');
    console.log('LOOPBACK ' + (await reply.text()));
  } catch (error) {
    console.log('LOOPBACK failed: ' + (error.cause?.code ?? error.message));
  }
  probe.close();
});
${tail}`;
    const { events } = await run(source);
    expect(await printed(events, 'LOOPBACK ')).toBe('pong');
  });
});

describe('per-client limits', () => {
  test('every loopback address counts as one client, and an IPv6 /64 as one', () => {
    const key = (remoteAddress: string) => clientKeyOf({ socket: { remoteAddress } });
    expect(key('127.0.0.1')).toBe('loopback');
    expect(key('127.0.0.77')).toBe('loopback');
    expect(key('::ffff:127.3.2.1')).toBe('loopback');
    expect(key('::1')).toBe('loopback');
    expect(key('2001:db8:1:2:aaaa::1')).toBe(key('2001:db8:1:2:bbbb::9'));
    expect(key('192.168.1.20')).toBe('192.168.1.20');
  });
});
