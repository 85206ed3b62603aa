/**
 * WebContainerRuntime runs the learner's app and the exercise's tests in a WebContainer inside the
 * browser, so grading costs the host nothing. One container per page: it boots and installs the
 * template once, and opening another exercise only swaps the tests and the learner's files.
 * The Check runs the same harness as the local runner and CI (`node harness.mjs`).
 */
import type { ResultsDocument } from '../../grader/src/schemas.ts';
import { REPLY_BYTES_LIMIT, REQUEST_SCRIPT, REQUEST_SCRIPT_PATH } from './container-request-script.ts';
import type { ExerciseBundle, TemplateBundle } from './exercise-bundle.ts';
import { isDatabaseFile, learnerPathProblem } from './learner-path.ts';
import { LineSplitter, stripAnsi } from './line-splitter.ts';
import {
  Emitter,
  KITCHEN_LINE_PREFIX,
  RuntimeError,
  type FileMap,
  type HttpReply,
  type HttpRequest,
  type OpenOptions,
  type Runtime,
  type RuntimeListener,
  type Session,
} from './runtime.ts';
import type { Container, ContainerProcess, DirectoryTree } from './webcontainer-api.ts';

export interface WebContainerRuntimeOptions {
  /** Resolves with the booted container (already raced against the boot timeout by the caller). */
  container: Container;
  loadTemplate: () => Promise<TemplateBundle>;
  loadExercise: (slug: string) => Promise<ExerciseBundle>;
  /** Port the learner's server listens on inside the container. */
  appPort?: number;
  /** Extra time the harness gets on top of the exercise's limit before it is killed. */
  checkGraceMs?: number;
}

const DEFAULT_APP_PORT = 3000;

/** Turns `{ "grading/http.js": "…" }` into the nested tree `mount()` wants. */
export function toDirectoryTree(files: FileMap): DirectoryTree {
  const root: DirectoryTree = {};
  for (const [path, contents] of Object.entries(files)) {
    const parts = path.split('/');
    let dir = root;
    for (const part of parts.slice(0, -1)) {
      const entry = (dir[part] ??= { directory: {} });
      if (!('directory' in entry))
        throw new Error(`"${path}" needs "${part}" to be a folder, but it is a file.`);
      dir = entry.directory;
    }
    dir[parts.at(-1)!] = { file: { contents } };
  }
  return root;
}

function parseKitchenLine(line: string): { type: string; [key: string]: unknown } | undefined {
  const clean = stripAnsi(line);
  const at = clean.indexOf(KITCHEN_LINE_PREFIX);
  if (at === -1) return undefined;
  try {
    return JSON.parse(clean.slice(at + KITCHEN_LINE_PREFIX.length)) as { type: string };
  } catch {
    return undefined;
  }
}

/** The runner's rule for a learner's file path (learner-path.ts), so both runtimes refuse the same paths. */
function assertRelativePath(path: string): void {
  const problem = learnerPathProblem(path);
  if (problem) throw new RuntimeError('BAD_PATH', problem.message);
}

export class WebContainerRuntime implements Runtime {
  readonly kind = 'webcontainer' as const;
  readonly label = 'WebContainer (in your browser)';
  #container: Container;
  #options: WebContainerRuntimeOptions;
  #emitter = new Emitter();
  #installed: Promise<void> | undefined;
  #bundle: ExerciseBundle | undefined;
  #learnerPaths = new Set<string>();
  #app: { process: ContainerProcess; stopping: boolean } | undefined;
  #appPort: number;
  #runningPort: number | undefined;
  #checking = false;
  #portOpen = false;

  constructor(options: WebContainerRuntimeOptions) {
    this.#options = options;
    this.#container = options.container;
    this.#appPort = options.appPort ?? DEFAULT_APP_PORT;
    this.#container.on('port', (port, type) => {
      if (port !== this.#appPort) return;
      this.#portOpen = type === 'open';
      if (this.#portOpen) this.#announceRunning();
      else this.#runningPort = undefined;
    });
  }

  on(listener: RuntimeListener): () => void {
    return this.#emitter.on(listener);
  }

  async open({ exercise, files }: OpenOptions): Promise<Session> {
    await this.stop();
    const [bundle] = await Promise.all([this.#options.loadExercise(exercise), this.#install()]);
    const fs = this.#container.fs;
    // Swap the previous exercise's files out: its tests and everything the learner wrote.
    await fs.rm('tests', { recursive: true, force: true });
    for (const path of this.#learnerPaths) await fs.rm(path, { force: true });
    this.#learnerPaths.clear();
    await this.#container.mount(
      toDirectoryTree(Object.fromEntries(Object.entries(bundle.tests).map(([p, c]) => [`tests/${p}`, c]))),
    );
    await this.#container.mount(toDirectoryTree(files));
    for (const path of Object.keys(files)) this.#learnerPaths.add(path);
    this.#bundle = bundle;
    this.#emitter.emit({ type: 'status', state: 'ready' });
    return {
      exercise,
      files,
      editable: bundle.editable,
      allowNewFiles: bundle.allowNewFiles,
      tests: bundle.tests,
    };
  }

  async writeFile(path: string, content: string): Promise<void> {
    assertRelativePath(path);
    const dir = path.split('/').slice(0, -1).join('/');
    if (dir) await this.#container.fs.mkdir(dir, { recursive: true });
    await this.#container.fs.writeFile(path, content);
    this.#learnerPaths.add(path);
  }

  async deleteFile(path: string): Promise<void> {
    assertRelativePath(path);
    await this.#container.fs.rm(path, { force: true });
    this.#learnerPaths.delete(path);
  }

  async resetData(): Promise<void> {
    await this.stop();
    const names = await this.#container.fs.readdir('.');
    for (const name of names.filter(isDatabaseFile)) await this.#container.fs.rm(name, { force: true });
  }

  async renameFile(from: string, to: string): Promise<void> {
    assertRelativePath(from);
    assertRelativePath(to);
    await this.#container.fs.rename(from, to);
    this.#learnerPaths.delete(from);
    this.#learnerPaths.add(to);
  }

  async run(): Promise<void> {
    await this.#install();
    await this.stop({ quiet: true });
    this.#emitter.emit({ type: 'status', state: 'starting' });
    const process = await this.#container.spawn('node', ['server.js'], { env: { PORT: this.#appPort } });
    const app = { process, stopping: false };
    this.#app = app;
    // The port may have opened before spawn() resolved.
    if (this.#portOpen) this.#announceRunning();
    void this.#pipe(process, (line) =>
      this.#emitter.emit({ type: 'output', stream: 'stdout', data: `${line}\n` }),
    );
    void process.exit.then((code) => {
      if (this.#app !== app) return;
      this.#app = undefined;
      this.#runningPort = undefined;
      if (app.stopping) return;
      this.#emitter.emit({
        type: 'status',
        state: code === 0 ? 'exited' : 'crashed',
        message:
          code === 0 ? 'Your app exited.' : `Your app crashed (exit code ${code}); its output is in Logs.`,
      });
    });
  }

  #announceRunning(): void {
    if (!this.#app || this.#runningPort !== undefined) return;
    this.#runningPort = this.#appPort;
    this.#emitter.emit({ type: 'status', state: 'running', port: this.#appPort });
  }

  async stop(options: { quiet?: boolean } = {}): Promise<void> {
    const app = this.#app;
    if (!app) return;
    app.stopping = true;
    this.#app = undefined;
    this.#runningPort = undefined;
    this.#portOpen = false;
    app.process.kill();
    await Promise.race([app.process.exit, new Promise((resolve) => setTimeout(resolve, 2000))]);
    if (!options.quiet) this.#emitter.emit({ type: 'status', state: 'stopped' });
  }

  async request(request: HttpRequest): Promise<HttpReply> {
    const port = this.#runningPort;
    if (!this.#app || port === undefined) {
      throw new RuntimeError(
        'NOT_RUNNING',
        'Your app is not running: press Run first, then send the request.',
      );
    }
    await this.#ensureRequestScript();
    const argument = JSON.stringify({ ...request, port, limit: REPLY_BYTES_LIMIT });
    const process = await this.#container.spawn('node', [REQUEST_SCRIPT_PATH, argument]);
    let reply: HttpReply | undefined;
    let failure: string | undefined;
    await this.#pipe(process, (line) => {
      const message = parseKitchenLine(line);
      if (message?.type === 'reply') reply = message.reply as HttpReply;
      if (message?.type === 'reply-error') failure = String(message.message);
    });
    await process.exit;
    if (reply) return reply;
    throw new RuntimeError(
      'NOT_RUNNING',
      `Your app did not answer ${request.method} ${request.path}${failure ? ` (${failure})` : ''}. Is it still running? Look in Logs.`,
    );
  }

  async check(): Promise<ResultsDocument> {
    const bundle = this.#bundle;
    if (!bundle) throw new RuntimeError('CHECK_FAILED', 'Open an exercise before checking it.');
    if (this.#checking)
      throw new RuntimeError('CHECK_FAILED', 'A check is already running: wait for its results.');
    this.#checking = true;
    try {
      await this.#install();
      this.#emitter.emit({ type: 'check', state: 'running' });
      const results = await this.#runHarness(bundle);
      this.#emitter.emit({ type: 'check-result', results });
      return results;
    } finally {
      this.#checking = false;
    }
  }

  async dispose(): Promise<void> {
    await this.stop({ quiet: true });
    // The container itself stays booted: one per page, reused by the next exercise opened here.
  }

  async #runHarness(bundle: ExerciseBundle): Promise<ResultsDocument> {
    const process = await this.#container.spawn('node', ['harness.mjs', '--out', 'results.json']);
    let results: ResultsDocument | undefined;
    let lastTest: string | undefined;
    let timedOut = false;
    const limitMs = bundle.limits.timeoutMs + (this.#options.checkGraceMs ?? 5000);
    const timer = setTimeout(() => {
      timedOut = true;
      process.kill();
    }, limitMs);
    const outputTail: string[] = [];
    const piped = this.#pipe(process, (line) => {
      const message = parseKitchenLine(line);
      if (message?.type === 'progress') {
        lastTest = String(message.test ?? '');
        this.#emitter.emit({
          type: 'check-progress',
          done: Number(message.done),
          total: Number(message.total),
          test: lastTest,
        });
      } else if (message?.type === 'results') {
        results = message.results as ResultsDocument;
      } else if (!message) {
        outputTail.push(line);
        if (outputTail.length > 40) outputTail.shift();
      }
    });
    const code = await process.exit;
    clearTimeout(timer);
    await Promise.race([piped, new Promise((resolve) => setTimeout(resolve, 500))]);
    if (results) return results;
    if (!timedOut) {
      const fromFile = await this.#container.fs.readFile('results.json', 'utf-8').catch(() => undefined);
      if (fromFile) return JSON.parse(fromFile) as ResultsDocument;
    }
    const seconds = Math.round(limitMs / 1000);
    return {
      version: 3,
      status: 'error',
      code: timedOut ? 'TIMEOUT' : 'HARNESS_CRASHED',
      message: timedOut
        ? `The check took longer than ${seconds} s and was stopped${lastTest ? ` after "${lastTest}"` : ''}. Does a route loop forever or never answer?`
        : `The tests could not run (the harness exited with code ${code}). Its last output:\n${outputTail.join('\n')}`,
      tasks: bundle.tasks.map((task) => ({ ...task, status: 'error' })),
      tests: [],
    };
  }

  /** Mounts the template and runs `npm install` once per container; later calls wait for the same install. */
  #install(): Promise<void> {
    this.#installed ??= (async () => {
      const template = await this.#options.loadTemplate();
      await this.#container.mount(toDirectoryTree(template.files));
      this.#emitter.emit({
        type: 'status',
        state: 'installing',
        message: 'Installing Express, SQLite and Vitest…',
      });
      const process = await this.#container.spawn('npm', ['install', '--no-audit', '--no-fund']);
      void this.#pipe(process, (line) =>
        this.#emitter.emit({ type: 'output', stream: 'stdout', data: `${line}\n` }),
      );
      const code = await process.exit;
      if (code !== 0) {
        throw new RuntimeError(
          'INSTALL_FAILED',
          `npm install failed in the WebContainer (exit code ${code}); its output is in Logs.`,
        );
      }
    })();
    this.#installed.catch(() => {
      // A failed install may be retried (a network hiccup), so forget it.
      this.#installed = undefined;
    });
    return this.#installed;
  }

  /**
   * Writes the request script before every request: a one-shot check deletes .kitchen/ (where the
   * harness keeps its state), and anything else in the workspace can change between requests. It is
   * a few kilobytes; writing it costs less than finding out whether it is still there.
   */
  async #ensureRequestScript(): Promise<void> {
    await this.#container.fs.mkdir(REQUEST_SCRIPT_PATH.slice(0, REQUEST_SCRIPT_PATH.lastIndexOf('/')), {
      recursive: true,
    });
    await this.#container.fs.writeFile(REQUEST_SCRIPT_PATH, REQUEST_SCRIPT);
  }

  async #pipe(process: ContainerProcess, onLine: (line: string) => void): Promise<void> {
    const splitter = new LineSplitter();
    const reader = process.output.getReader();
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        for (const line of splitter.push(value)) onLine(line);
      }
    } finally {
      for (const line of splitter.flush()) onLine(line);
      reader.releaseLock();
    }
  }
}
