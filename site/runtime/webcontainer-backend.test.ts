/**
 * The hosted path's code (ContainerRuntime over WebContainerBackend) against real processes: a
 * WebContainer cannot boot here, so NodeWebContainer plays one with a temporary folder and child
 * processes, implementing only what `@webcontainer/api` offers (mount, fs, spawn with output and
 * stdin, port events). What runs in it is real: the template as the site publishes it, the request
 * script, the app, and the harness in warm mode taking a check per stdin line.
 */
import { spawn as spawnChild } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { loadExercise } from '../../grader/src/load-exercise.ts';
import { readTextFiles } from '../components/workspace/read-files.ts';
import { canConnect, freePort } from '../server/runner/port-watch.ts';
import { firstServerDir, firstServerSolution, repoRoot } from '../server/runner/test-server.ts';
import { ContainerRuntime } from './container-runtime.ts';
import { APP_PORT, REQUEST_ENTRY } from './contract.ts';
import type { ExerciseBundle } from './exercise-bundle.ts';
import type { RuntimeEvent } from './runtime.ts';
import type { DirectoryTree, WebContainerLike, WebContainerProcess } from './webcontainer-api.ts';
import { WebContainerBackend } from './webcontainer-backend.ts';

const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

/** A stand-in WebContainer made of a folder and child processes (the app's port 3000 is mapped to a free one). */
class NodeWebContainer implements WebContainerLike {
  readonly dir = mkdtempSync(join(tmpdir(), 'kitchen-node-container-'));
  #portListeners = new Set<(port: number, type: 'open' | 'close', url: string) => void>();
  #appPort: number | undefined;
  /** Every command spawned, as `command arg…`. */
  readonly spawned: string[] = [];

  constructor() {
    folders.push(this.dir);
  }

  #path = (path: string) => join(this.dir, path);

  fs = {
    readFile: (path: string) => readFile(this.#path(path), 'utf8'),
    writeFile: (path: string, data: string) => writeFile(this.#path(path), data),
    mkdir: async (path: string) => (await mkdir(this.#path(path), { recursive: true }), path),
    rm: (path: string, options?: { force?: boolean; recursive?: boolean }) => rm(this.#path(path), options),
    rename: (from: string, to: string) => rename(this.#path(from), this.#path(to)),
    readdir: (path: string) => readdir(this.#path(path)),
  };

  on(_event: 'port', listener: (port: number, type: 'open' | 'close', url: string) => void): () => void {
    this.#portListeners.add(listener);
    return () => this.#portListeners.delete(listener);
  }

  async mount(tree: DirectoryTree | Uint8Array | ArrayBuffer, options?: { mountPoint?: string }): Promise<void> {
    if (!('byteLength' in tree)) await this.#write(tree, options?.mountPoint ?? '');
    else throw new Error('This stand-in mounts trees only.');
  }

  async #write(tree: DirectoryTree, prefix: string): Promise<void> {
    for (const [name, node] of Object.entries(tree)) {
      const path = this.#path(join(prefix, name));
      if ('file' in node) {
        await mkdir(dirname(path), { recursive: true });
        await writeFile(path, node.file.contents);
      } else await this.#write(node.directory, join(prefix, name));
    }
  }

  async spawn(command: string, args: string[], options?: { env?: Record<string, string | number | boolean> }): Promise<WebContainerProcess> {
    this.spawned.push([command, ...args].join(' ').slice(0, 60));
    if (command === 'npm') return this.#install();
    const env: Record<string, string> = { ...(process.env as Record<string, string>) };
    for (const [key, value] of Object.entries(options?.env ?? {})) env[key] = String(value);
    let argv = args;
    const isApp = args[0] === 'server.js';
    if (isApp && env.PORT === String(APP_PORT)) {
      this.#appPort = await freePort();
      env.PORT = String(this.#appPort);
    }
    if (args[0] === REQUEST_ENTRY) {
      const request = JSON.parse(args[1]!) as { port: number };
      argv = [args[0], JSON.stringify({ ...request, port: request.port === APP_PORT ? this.#appPort : request.port })];
    }
    const child = spawnChild(process.execPath, argv, { cwd: this.dir, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let controller!: ReadableStreamDefaultController<string>;
    const output = new ReadableStream<string>({ start: (c) => void (controller = c) });
    let open = 2;
    for (const stream of [child.stdout, child.stderr]) {
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => controller.enqueue(chunk));
      stream.on('end', () => {
        open -= 1;
        if (open === 0) controller.close();
      });
    }
    const exit = new Promise<number>((resolve) => child.once('close', (code) => resolve(code ?? 1)));
    if (isApp) {
      const port = this.#appPort!;
      let listening = false;
      void (async () => {
        while (child.exitCode === null && child.signalCode === null && !listening) {
          if (await canConnect(port)) {
            listening = true;
            for (const listener of this.#portListeners) listener(APP_PORT, 'open', `http://localhost:${port}`);
          } else await new Promise((resolve) => setTimeout(resolve, 50));
        }
      })();
      void exit.then(() => {
        if (listening) for (const listener of this.#portListeners) listener(APP_PORT, 'close', '');
      });
    }
    const input = new WritableStream<string>({
      write: (chunk) =>
        new Promise<void>((resolve, reject) => child.stdin.write(chunk, (error) => (error ? reject(error) : resolve()))),
    });
    return { exit, output, input, kill: () => void child.kill('SIGKILL') };
  }

  /** "npm install": the repository's packages, linked (as `npm run verify:container` does). */
  async #install(): Promise<WebContainerProcess> {
    const modules = join(this.dir, 'node_modules');
    mkdirSync(modules, { recursive: true });
    const names = readdirSync(join(repoRoot, 'node_modules')).filter((name) => !name.startsWith('.'));
    for (const name of names) symlinkSync(join(repoRoot, 'node_modules', name), join(modules, name));
    return {
      exit: Promise.resolve(0),
      output: new ReadableStream({ start: (c) => (c.enqueue(`linked ${names.length} packages\n`), c.close()) }),
      input: new WritableStream(),
      kill: () => undefined,
    };
  }
}

function firstServerBundle(): ExerciseBundle {
  const { meta } = loadExercise(firstServerDir);
  return {
    slug: 'first-server',
    title: meta.title,
    tasks: meta.tasks,
    editable: meta.files.editable,
    allowNewFiles: meta.files.allowNewFiles,
    limits: meta.limits,
    starter: readTextFiles(join(firstServerDir, 'starter')),
    solution: readTextFiles(join(firstServerDir, 'solution')),
    tests: readTextFiles(join(firstServerDir, 'tests')),
  };
}

describe('the browser runtime on a WebContainer backend, with real processes', () => {
  test('installs the published template, runs, answers the Request panel, checks warm, answers again', async () => {
    const container = new NodeWebContainer();
    const bundle = firstServerBundle();
    const runtime = new ContainerRuntime({
      container: new WebContainerBackend({
        container,
        loadTemplate: async () => ({ files: readTextFiles(join(repoRoot, 'exercises/_template')) }),
        fetch: async () => new Response('no prebuilt tree in this test', { status: 404 }),
      }),
      loadExercise: async () => bundle,
    });
    const events: RuntimeEvent[] = [];
    runtime.on((event) => events.push(event));
    const waitFor = async (match: (event: RuntimeEvent) => boolean) => {
      for (let i = 0; i < 600; i += 1) {
        const found = events.find(match);
        if (found) return found;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      throw new Error(`No such event: ${JSON.stringify(events).slice(0, 1500)}`);
    };

    await runtime.open({ exercise: 'first-server', files: { 'app.js': firstServerSolution } });
    await runtime.run();
    await waitFor((e) => e.type === 'status' && e.state === 'running');
    const before = await runtime.request({ method: 'GET', path: '/health' });
    expect(before).toMatchObject({ status: 200, headers: { 'content-type': expect.stringContaining('json') } });
    expect(JSON.parse(before.body)).toEqual({ status: 'ok' });

    const results = await runtime.check();
    expect(results).toMatchObject({ status: 'pass', tasks: [{ id: '1', status: 'pass' }] });
    expect(results.tests.length).toBeGreaterThan(0);
    // After a check, the Request panel still works (issue 17's bug).
    expect(await runtime.request({ method: 'GET', path: '/health' })).toMatchObject({ status: 200 });

    // Warm: the same harness takes the next check and sees the new file.
    await runtime.writeFile('app.js', bundle.starter['app.js']!);
    const second = await runtime.check();
    expect(second.status).toBe('fail');
    expect(container.spawned.filter((line) => line.startsWith('node harness.mjs'))).toEqual([
      'node harness.mjs --serve',
    ]);
    expect(container.spawned.filter((line) => line.startsWith('npm'))).toEqual(['npm install --no-audit --no-fund']);
    await runtime.dispose();
  }, 120_000);
});
