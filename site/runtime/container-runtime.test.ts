import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import type { ResultsDocument } from '../../grader/src/schemas.ts';
import type { ExerciseBundle } from './exercise-bundle.ts';
import { ContainerRuntime } from './container-runtime.ts';
import { FakeWebContainer, type FakeProcessControl } from './fake-webcontainer.ts';
import type { RuntimeEvent } from './runtime.ts';
import { toDirectoryTree, WebContainerBackend } from './webcontainer-backend.ts';

const bundle: ExerciseBundle = {
  slug: 'first-server',
  title: 'Your first server',
  tasks: [{ id: '1', title: 'Answer GET /health' }],
  editable: ['app.js'],
  allowNewFiles: false,
  limits: { timeoutMs: 1000, outputBytes: 65536 },
  starter: { 'app.js': 'export default app;' },
  solution: { 'app.js': 'solution' },
  tests: { 'health.test.js': "describe('1. Answer GET /health')" },
};

const passing: ResultsDocument = {
  version: 3,
  status: 'pass',
  tasks: [{ id: '1', title: 'Answer GET /health', status: 'pass' }],
  tests: [{ name: 'GET /health answers 200', task_id: '1', status: 'pass' }],
};

const templateFiles = {
  'package.json': '{}',
  'package-lock.json': '{"lockfileVersion":3}',
  'server.js': 'listen',
  'grading/http.js': 'helpers',
};

/** The harness in --serve mode: answers each check line on stdin with `answer`. */
function serveHarness(
  p: FakeProcessControl,
  answer: (id: number, p: FakeProcessControl) => void | Promise<void>,
): void {
  p.write('@@kitchen {"type":"ready"}\r\n');
  p.onInput((text) => {
    for (const line of text.split('\n').filter(Boolean)) {
      const command = JSON.parse(line) as { type: string; id: number };
      if (command.type === 'check') void answer(command.id, p);
    }
  });
}

const resultsLine = (id: number, results: ResultsDocument = passing) =>
  `@@kitchen ${JSON.stringify({ type: 'results', id, results })}\r\n`;

function setup(options: { checkGraceMs?: number; fetch?: typeof fetch } = {}) {
  const container = new FakeWebContainer();
  container.handle('npm install', (p) => {
    p.write('added 120 packages\r\n');
    p.exit(0);
  });
  let templateLoads = 0;
  const runtime = new ContainerRuntime({
    container: new WebContainerBackend({
      container,
      // Unless a test says otherwise, this build has no prebuilt node_modules: the full install.
      fetch: options.fetch ?? (async () => new Response('not found', { status: 404 })),
      loadTemplate: async () => {
        templateLoads += 1;
        return { files: { ...templateFiles } };
      },
    }),
    loadExercise: async () => bundle,
    checkGraceMs: options.checkGraceMs ?? 100,
  });
  const events: RuntimeEvent[] = [];
  runtime.on((event) => events.push(event));
  return { container, runtime, events, templateLoads: () => templateLoads };
}

describe('toDirectoryTree', () => {
  test('nests paths into the folders mount() expects', () => {
    expect(toDirectoryTree({ 'a.js': 'A', 'grading/http.js': 'H' })).toEqual({
      'a.js': { file: { contents: 'A' } },
      grading: { directory: { 'http.js': { file: { contents: 'H' } } } },
    });
  });
});

describe('ContainerRuntime over a WebContainer', () => {
  test('mounts the template, installs once, and mounts tests and learner files when opening', async () => {
    const { container, runtime, events, templateLoads } = setup();
    const session = await runtime.open({ exercise: 'first-server', files: { 'app.js': 'mine' } });
    await runtime.open({ exercise: 'first-server', files: { 'app.js': 'mine again' } });

    expect(session).toEqual({
      exercise: 'first-server',
      files: { 'app.js': 'mine' },
      editable: ['app.js'],
      allowNewFiles: false,
      tests: bundle.tests,
    });
    expect(container.files.get('grading/http.js')).toBe('helpers');
    expect(container.files.get('tests/health.test.js')).toContain('describe');
    expect(container.files.get('app.js')).toBe('mine again');
    expect(container.spawned.filter((s) => s.command === 'npm')).toEqual([
      { command: 'npm', args: ['install', '--no-audit', '--no-fund'], options: undefined },
    ]);
    expect(templateLoads()).toBe(1);
    expect(events).toContainEqual({ type: 'status', state: 'installing', message: expect.any(String) });
    expect(events).toContainEqual({ type: 'output', stream: 'stdout', data: 'added 120 packages\n' });
  });

  test('mounts the prebuilt node_modules before npm install, which then only adds what the tree lacks', async () => {
    const snapshot = Uint8Array.from([0x81, 0xa1, 0x64, 0x80]);
    const hex = (data: Uint8Array | string) => createHash('sha256').update(data).digest('hex');
    const manifest = {
      version: 1,
      file: 'template-modules.bin.gz',
      format: 'webcontainer-snapshot',
      compression: 'gzip',
      lockfileSha256: hex(templateFiles['package-lock.json']),
      sha256: hex(snapshot),
      bytes: snapshot.length,
      missing: [],
    };
    const { container, runtime } = setup({
      fetch: (async (input: RequestInfo | URL) =>
        String(input).endsWith('template-modules.json')
          ? new Response(JSON.stringify(manifest))
          : new Response(new Uint8Array(gzipSync(snapshot)))) as typeof fetch,
    });
    await runtime.open({ exercise: 'first-server', files: { 'app.js': 'mine' } });
    expect(container.snapshots).toEqual([{ bytes: snapshot.length, mountPoint: undefined }]);
    expect(container.spawned.filter((s) => s.command === 'npm').map((s) => s.args)).toEqual([
      ['install', '--no-audit', '--no-fund', '--prefer-offline'],
    ]);
  });

  test("removes the previous exercise's learner files when another exercise opens", async () => {
    const { container, runtime } = setup();
    await runtime.open({ exercise: 'first-server', files: { 'app.js': 'a', 'extra.js': 'x' } });
    await runtime.open({ exercise: 'first-server', files: { 'app.js': 'b' } });
    expect(container.files.has('extra.js')).toBe(false);
  });

  test("resetting the data deletes the app's database files and nothing else", async () => {
    const { container, runtime } = setup();
    await runtime.open({ exercise: 'first-server', files: { 'app.js': 'a' } });
    for (const name of ['kitchen.db', 'kitchen.db-journal', 'notes.sqlite', 'data.json'])
      container.files.set(name, 'x');
    await runtime.resetData();
    expect(
      ['kitchen.db', 'kitchen.db-journal', 'notes.sqlite', 'data.json', 'app.js'].filter((name) =>
        container.files.has(name),
      ),
    ).toEqual(['data.json', 'app.js']);
  });

  test('reports a failed npm install with a code the workspace can show', async () => {
    const { container, runtime } = setup();
    container.handle('npm install', (p) => {
      p.write('npm ERR! network\r\n');
      p.exit(1);
    });
    await expect(runtime.open({ exercise: 'first-server', files: {} })).rejects.toMatchObject({
      code: 'INSTALL_FAILED',
      message: expect.stringContaining('npm install failed'),
    });
  });

  test('writes, renames and deletes learner files, refusing paths that leave the workspace', async () => {
    const { container, runtime } = setup();
    await runtime.open({ exercise: 'first-server', files: { 'app.js': 'a' } });
    await runtime.writeFile('routes/menu.js', 'menu');
    await runtime.renameFile('routes/menu.js', 'routes/dishes.js');
    expect(container.files.get('routes/dishes.js')).toBe('menu');
    await runtime.deleteFile('routes/dishes.js');
    expect(container.files.has('routes/dishes.js')).toBe(false);
    await expect(runtime.writeFile('../etc/passwd', 'x')).rejects.toMatchObject({ code: 'BAD_PATH' });
  });

  test('refuses the paths the local runner refuses: its request script, dotfiles, backslashes', async () => {
    const { container, runtime } = setup();
    await runtime.open({ exercise: 'first-server', files: { 'app.js': 'a' } });
    // The request panel's script lives at node_modules/.kitchen/request.mjs: a learner file must not replace it.
    for (const path of ['node_modules/.kitchen/request.mjs', '.env', 'routes\\menu.js', '/app.js', 'a//b.js']) {
      await expect(runtime.writeFile(path, 'x'), path).rejects.toMatchObject({ code: 'BAD_PATH' });
      await expect(runtime.renameFile('app.js', path), path).rejects.toMatchObject({ code: 'BAD_PATH' });
    }
    expect(container.files.get('node_modules/.kitchen/request.mjs')).toContain('fetch(');
    expect(container.files.has('.env')).toBe(false);
  });

  test('runs node server.js with PORT, streams its output, and says "running" when the port opens', async () => {
    const { container, runtime, events } = setup();
    container.handle('node server.js', (p, _args, options) => {
      p.write(`Listening on port ${options?.env?.PORT}\r\n`);
      container.openPort(Number(options?.env?.PORT));
    });
    await runtime.open({ exercise: 'first-server', files: { 'app.js': 'a' } });
    await runtime.run();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(events).toContainEqual({ type: 'output', stream: 'stdout', data: 'Listening on port 3000\n' });
    expect(events).toContainEqual({ type: 'status', state: 'running', port: 3000 });
  });

  test('sends requests through a node script inside the container', async () => {
    const { container, runtime } = setup();
    container.handle('node server.js', (_p, _a, options) => container.openPort(Number(options?.env?.PORT)));
    container.handle('node node_modules/.kitchen/request.mjs', (p, args) => {
      const input = JSON.parse(args[1]!) as { method: string; path: string; port: number };
      const reply = {
        status: 200,
        headers: { 'content-type': 'application/json' },
        body: `{"port":${input.port}}`,
        durationMs: 3,
        truncated: false,
      };
      p.write(`\u001b[0m@@kitchen ${JSON.stringify({ type: 'reply', reply }).slice(0, 20)}`);
      p.write(`${JSON.stringify({ type: 'reply', reply }).slice(20)}\r\n`);
      p.exit(0);
    });
    await runtime.open({ exercise: 'first-server', files: { 'app.js': 'a' } });
    await expect(runtime.request({ method: 'GET', path: '/health' })).rejects.toMatchObject({
      code: 'NOT_RUNNING',
    });
    await runtime.run();
    await new Promise((resolve) => setTimeout(resolve, 10));
    const reply = await runtime.request({ method: 'GET', path: '/health' });
    expect(reply).toMatchObject({ status: 200, body: '{"port":3000}' });
    expect(container.files.get('node_modules/.kitchen/request.mjs')).toContain('fetch(');
  });

  test('requests still work after a check deleted .kitchen/ (the request script is not there)', async () => {
    const { container, runtime } = setup();
    container.handle('node server.js', (_p, _a, options) => container.openPort(Number(options?.env?.PORT)));
    container.handle('node node_modules/.kitchen/request.mjs', (p) => {
      if (!container.files.has('node_modules/.kitchen/request.mjs')) {
        p.write('Error: Cannot find module node_modules/.kitchen/request.mjs\r\n');
        p.exit(1);
        return;
      }
      const reply = { status: 200, headers: {}, body: 'ok', durationMs: 1, truncated: false };
      p.write(`@@kitchen ${JSON.stringify({ type: 'reply', reply })}\r\n`);
      p.exit(0);
    });
    container.handle('node harness.mjs', (p) =>
      serveHarness(p, (id) => {
        // What the real harness does when it closes: it removes its state folder.
        for (const path of [...container.files.keys()])
          if (path.startsWith('.kitchen/')) container.files.delete(path);
        p.write(resultsLine(id));
      }),
    );
    await runtime.open({ exercise: 'first-server', files: { 'app.js': 'a' } });
    await runtime.run();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(await runtime.request({ method: 'GET', path: '/' })).toMatchObject({ body: 'ok' });
    await runtime.check();
    expect(await runtime.request({ method: 'GET', path: '/' })).toMatchObject({ body: 'ok' });
  });

  test('says the app crashed, with its exit code, when server.js exits by itself', async () => {
    const { container, runtime, events } = setup();
    container.handle('node server.js', (p) => {
      p.write('SyntaxError: Unexpected token\r\n');
      p.exit(1);
    });
    await runtime.open({ exercise: 'first-server', files: { 'app.js': 'a' } });
    await runtime.run();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(events).toContainEqual({
      type: 'status',
      state: 'crashed',
      exitCode: 1,
      message: expect.stringContaining('exit code 1'),
    });
  });

  test('stop kills the app and says "stopped"', async () => {
    const { container, runtime, events } = setup();
    let killed = false;
    container.handle('node server.js', (p) => {
      container.openPort(3000);
      const wait = setInterval(() => {
        if (p.killed) {
          killed = true;
          clearInterval(wait);
        }
      }, 1);
    });
    await runtime.open({ exercise: 'first-server', files: { 'app.js': 'a' } });
    await runtime.run();
    await runtime.stop();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(killed).toBe(true);
    expect(events.at(-1)).toEqual({ type: 'status', state: 'stopped' });
  });

  test('checks with the warm harness, forwarding progress lines and resolving with the results line', async () => {
    const { container, runtime, events } = setup();
    container.handle('node harness.mjs', (p) =>
      serveHarness(p, (id) => {
        p.write('@@kitchen {"type":"progress","done":1,"total":1,"test":"GET /health answers 200"}\r\n');
        p.write(resultsLine(id));
      }),
    );
    await runtime.open({ exercise: 'first-server', files: { 'app.js': 'a' } });
    const results = await runtime.check();
    expect(results).toEqual(passing);
    // Warm: the second check goes to the same harness process.
    expect(await runtime.check()).toEqual(passing);
    expect(container.spawned.filter((s) => s.args[0] === 'harness.mjs')).toEqual([
      { command: 'node', args: ['harness.mjs', '--serve'], options: undefined },
    ]);
    expect(events).toContainEqual({
      type: 'check-progress',
      done: 1,
      total: 1,
      test: 'GET /health answers 200',
    });
    expect(events).toContainEqual({ type: 'check-result', results: passing });
  });

  test('says the grader crashed, with its last output, when the harness exits without results', async () => {
    const { container, runtime } = setup();
    container.handle('node harness.mjs', (p) =>
      serveHarness(p, () => {
        p.write('Error: Cannot find package vitest\r\n');
        p.exit(1);
      }),
    );
    await runtime.open({ exercise: 'first-server', files: { 'app.js': 'a' } });
    const results = await runtime.check();
    expect(results).toMatchObject({ status: 'error', code: 'HARNESS_CRASHED', tasks: [{ id: '1', status: 'error' }] });
    expect(results.message).toContain('Cannot find package vitest');
  });

  test('ignores a results line of another check and a second check while one runs', async () => {
    const { container, runtime } = setup();
    container.handle('node harness.mjs', (p) =>
      serveHarness(p, (id) => {
        p.write(resultsLine(id + 100, { ...passing, status: 'fail' }));
        setTimeout(() => p.write(resultsLine(id)), 5);
      }),
    );
    await runtime.open({ exercise: 'first-server', files: { 'app.js': 'a' } });
    const first = runtime.check();
    await expect(runtime.check()).rejects.toMatchObject({ code: 'CHECK_IN_PROGRESS' });
    expect(await first).toEqual(passing);
  });

  test('a check that waits in the queue does not time out while it waits', async () => {
    const { container, runtime, events } = setup({ checkGraceMs: 0 });
    container.handle('node harness.mjs', (p) =>
      serveHarness(p, (id) => {
        p.write('@@kitchen {"type":"queued","position":1}\r\n');
        setTimeout(() => {
          p.write('@@kitchen {"type":"running"}\r\n');
          p.write(resultsLine(id));
        }, 1300);
      }),
    );
    await runtime.open({ exercise: 'first-server', files: { 'app.js': 'a' } });
    expect(await runtime.check()).toEqual(passing);
    expect(events).toContainEqual({ type: 'check', state: 'queued', position: 1 });
  });

  test('kills a check that outlives the exercise limit and explains the timeout', async () => {
    const { container, runtime } = setup({ checkGraceMs: 50 });
    let harnesses = 0;
    container.handle('node harness.mjs', (p) => {
      harnesses += 1;
      serveHarness(p, () => {
        p.write('@@kitchen {"type":"progress","done":0,"total":1,"test":"GET /health answers 200"}\r\n');
        // Never answers: the learner's handler loops forever.
      });
    });
    await runtime.open({ exercise: 'first-server', files: { 'app.js': 'a' } });
    const results = await runtime.check();
    // The stuck harness was killed: the next check starts a new one.
    await runtime.check();
    expect(harnesses).toBe(2);
    expect(results).toMatchObject({
      status: 'error',
      code: 'TIMEOUT',
      tasks: [{ id: '1', status: 'error' }],
    });
    expect(results.message).toMatchInlineSnapshot(
      `"The check took longer than 1 s and was stopped after "GET /health answers 200". Does a route loop forever or never answer?"`,
    );
  });
});
