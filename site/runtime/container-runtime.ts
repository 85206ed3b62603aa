/**
 * ContainerRuntime: the one implementation of what an exercise does, over a KitchenContainer
 * (container.ts), whichever backend holds it: the WebContainer in the tab on the hosted site, or the
 * local runner that `npm start` serves. Mounting, running the app, sending a Request-panel request,
 * checking (warm: one `node harness.mjs --serve` per workspace, a check per stdin line, in both), the
 * results documents it makes itself and the error codes exist here once.
 */
import { errorResults } from '../../grader/src/results.ts';
import type { ResultsDocument } from '../../grader/src/schemas.ts';
import type { ContainerProcess, KitchenContainer } from './container.ts';
import {
  APP_ENTRY,
  APP_PORT,
  GRADER_ENTRY,
  REQUEST_ENTRY,
  isRunnerErrorCode,
  type KitchenLine,
} from './contract.ts';
import { REPLY_BYTES_LIMIT } from './container-request-script.ts';
import type { ExerciseBundle } from './exercise-bundle.ts';
import { isDatabaseFile, learnerPathProblem } from './learner-path.ts';
import { parseKitchenLine, readLines } from './line-splitter.ts';
import {
  Emitter,
  RuntimeError,
  type HttpReply,
  type HttpRequest,
  type OpenOptions,
  type Runtime,
  type RuntimeListener,
  type Session,
} from './runtime.ts';

export interface ContainerRuntimeOptions {
  container: KitchenContainer;
  loadExercise: (slug: string) => Promise<ExerciseBundle>;
  /**
   * Time a check gets on top of the exercise's limit before the harness is killed: a first check
   * starts Vitest (cold), and the container's own limit (the local runner's) should speak first.
   */
  checkGraceMs?: number;
  /** How long stop() waits for the app to exit. */
  stopWaitMs?: number;
}

const DEFAULT_CHECK_GRACE_MS = 15_000;

/** The learner-path rule both backends share (learner-path.ts). */
function assertLearnerPath(path: string): void {
  const problem = learnerPathProblem(path);
  if (problem) throw new RuntimeError('BAD_PATH', problem.message);
}

interface PendingCheck {
  id: number;
  resolve(results: ResultsDocument): void;
  armTimer(): void;
  pauseTimer(): void;
  lastTest?: string;
}

interface Grader {
  process: ContainerProcess;
  writer: WritableStreamDefaultWriter<string>;
  outputTail: string[];
}

export class ContainerRuntime implements Runtime {
  readonly kind;
  readonly label;
  #container: KitchenContainer;
  #options: ContainerRuntimeOptions;
  #emitter = new Emitter();
  #bundle: ExerciseBundle | undefined;
  #app: { process: ContainerProcess; stopping: boolean } | undefined;
  #portOpen: number | undefined;
  #runningPort: number | undefined;
  #grader: Grader | undefined;
  #pending: PendingCheck | undefined;
  #checkId = 0;
  #unsubscribePort: () => void;

  constructor(options: ContainerRuntimeOptions) {
    this.#options = options;
    this.#container = options.container;
    this.kind = options.container.kind;
    this.label = options.container.label;
    this.#unsubscribePort = this.#container.onPort((port, state) => {
      this.#portOpen = state === 'open' ? port : undefined;
      if (state === 'open') this.#announceRunning();
      else this.#runningPort = undefined;
    });
  }

  on(listener: RuntimeListener): () => void {
    return this.#emitter.on(listener);
  }

  // ---- Files ---------------------------------------------------------------------------------------

  async open({ exercise, files }: OpenOptions): Promise<Session> {
    await this.stop({ quiet: true });
    await this.#closeGrader();
    const bundle = await this.#options.loadExercise(exercise);
    const prepared = await this.#container.prepare(bundle, files, (message, output) => {
      if (message) this.#emitter.emit({ type: 'status', state: 'installing', message });
      if (output !== undefined) this.#emitter.emit({ type: 'output', stream: 'stdout', data: output });
    });
    this.#bundle = bundle;
    this.#emitter.emit({ type: 'status', state: 'ready' });
    return { exercise, ...prepared };
  }

  async writeFile(path: string, content: string): Promise<void> {
    assertLearnerPath(path);
    await this.#container.writeFile(path, content);
  }

  async deleteFile(path: string): Promise<void> {
    assertLearnerPath(path);
    await this.#container.removeFile(path);
  }

  async renameFile(from: string, to: string): Promise<void> {
    assertLearnerPath(from);
    assertLearnerPath(to);
    await this.#container.renameFile(from, to);
  }

  async resetData(): Promise<void> {
    await this.stop();
    const names = await this.#container.listTop();
    for (const name of names.filter(isDatabaseFile)) await this.#container.removeFile(name);
  }

  // ---- The app -------------------------------------------------------------------------------------

  async run(): Promise<void> {
    this.#assertOpen();
    await this.stop({ quiet: true });
    this.#emitter.emit({ type: 'status', state: 'starting' });
    const process = await this.#container.spawn('node', [APP_ENTRY], { env: { PORT: APP_PORT } });
    const app = { process, stopping: false };
    this.#app = app;
    // The port may have opened before spawn() resolved.
    if (this.#portOpen !== undefined) this.#announceRunning();
    void readLines(process.output, (line) =>
      this.#emitter.emit({ type: 'output', stream: 'stdout', data: `${line}\n` }),
    );
    if (process.errors)
      void readLines(process.errors, (line) =>
        this.#emitter.emit({ type: 'output', stream: 'stderr', data: `${line}\n` }),
      );
    void process.exit.then((code) => {
      if (this.#app !== app) return;
      this.#app = undefined;
      this.#runningPort = undefined;
      if (app.stopping) return;
      const said = process.status;
      if (said) {
        this.#emitter.emit({ ...said, port: undefined });
        return;
      }
      this.#emitter.emit({
        type: 'status',
        state: code === 0 ? 'exited' : 'crashed',
        exitCode: code,
        message:
          code === 0 ? 'Your app exited.' : `Your app crashed (exit code ${code}); its output is in Logs.`,
      });
    });
  }

  #announceRunning(): void {
    if (!this.#app || this.#runningPort !== undefined || this.#portOpen === undefined) return;
    this.#runningPort = this.#portOpen;
    this.#emitter.emit({ type: 'status', state: 'running', port: this.#runningPort });
  }

  async stop(options: { quiet?: boolean } = {}): Promise<void> {
    const app = this.#app;
    if (!app) return;
    app.stopping = true;
    this.#app = undefined;
    this.#runningPort = undefined;
    app.process.kill();
    await Promise.race([
      app.process.exit,
      new Promise((resolve) => setTimeout(resolve, this.#options.stopWaitMs ?? 2000)),
    ]);
    this.#portOpen = undefined;
    if (!options.quiet) this.#emitter.emit({ type: 'status', state: 'stopped' });
  }

  /** Sends one request to the running app through the request script, inside the container. */
  async request(request: HttpRequest): Promise<HttpReply> {
    const port = this.#runningPort;
    if (!this.#app || port === undefined) {
      throw new RuntimeError('NOT_RUNNING', 'Your app is not running: press Run first, then send the request.');
    }
    const argument = JSON.stringify({ ...request, port, limit: REPLY_BYTES_LIMIT });
    const process = await this.#container.spawn('node', [REQUEST_ENTRY, argument]);
    let reply: HttpReply | undefined;
    let failure: Extract<KitchenLine, { type: 'reply-error' }> | undefined;
    await readLines(process.output, (line) => {
      const message = parseKitchenLine(line);
      if (message?.type === 'reply') reply = message.reply;
      if (message?.type === 'reply-error') failure = message;
    });
    await process.exit;
    if (reply) return reply;
    // The local runner says why in its own words (an endless loop, a limit): keep its code.
    if (failure?.code && isRunnerErrorCode(failure.code)) throw new RuntimeError(failure.code, failure.message);
    throw new RuntimeError(
      'NOT_RUNNING',
      `Your app did not answer ${request.method} ${request.path}${failure ? ` (${failure.message})` : ''}. Is it still running? Look in Logs.`,
    );
  }

  // ---- Checks --------------------------------------------------------------------------------------

  async check(): Promise<ResultsDocument> {
    const bundle = this.#assertOpen();
    if (this.#pending)
      throw new RuntimeError('CHECK_IN_PROGRESS', 'A check is already running: wait for its results.');
    const limitMs = bundle.limits.timeoutMs + (this.#options.checkGraceMs ?? DEFAULT_CHECK_GRACE_MS);
    const id = ++this.#checkId;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const results = await new Promise<ResultsDocument>((resolve) => {
      const pending: PendingCheck = {
        id,
        resolve: (doc) => {
          clearTimeout(timer);
          if (this.#pending === pending) this.#pending = undefined;
          resolve(doc);
        },
        armTimer: () => {
          clearTimeout(timer);
          timer = setTimeout(() => {
            const after = pending.lastTest ? ` after "${pending.lastTest}"` : '';
            pending.resolve(
              errorResults(
                'TIMEOUT',
                `The check took longer than ${Math.round(limitMs / 1000)} s and was stopped${after}. Does a route loop forever or never answer?`,
                bundle.tasks,
              ),
            );
            void this.#closeGrader();
          }, limitMs);
        },
        pauseTimer: () => clearTimeout(timer),
      };
      this.#pending = pending;
      this.#emitter.emit({ type: 'check', state: 'running' });
      pending.armTimer();
      void this.#sendCheck(id).catch((error: unknown) =>
        pending.resolve(
          errorResults(
            'HARNESS_CRASHED',
            `The tests could not start: ${error instanceof Error ? error.message : String(error)}`,
            bundle.tasks,
          ),
        ),
      );
    });
    this.#emitter.emit({ type: 'check-result', results });
    return results;
  }

  async #sendCheck(id: number): Promise<void> {
    const grader = this.#grader ?? (await this.#startGrader());
    await grader.writer.write(`${JSON.stringify({ type: 'check', id })}\n`);
  }

  async #startGrader(): Promise<Grader> {
    const process = await this.#container.spawn('node', [GRADER_ENTRY, '--serve']);
    const grader: Grader = { process, writer: process.input.getWriter(), outputTail: [] };
    this.#grader = grader;
    void readLines(process.output, (line) => this.#graderLine(grader, line));
    void process.exit.then((code) => {
      if (this.#grader === grader) this.#grader = undefined;
      const pending = this.#pending;
      if (!pending || !this.#bundle) return;
      // Let the output already read land first: a results line just before the exit still counts.
      setTimeout(() => {
        if (this.#pending !== pending || !this.#bundle) return;
        const said = process.status?.message;
        pending.resolve(
          errorResults(
            'HARNESS_CRASHED',
            said ??
              `The tests could not run (the grader exited with code ${code}). Its last output:\n${grader.outputTail.join('\n')}`,
            this.#bundle.tasks,
          ),
        );
      }, 200);
    });
    return grader;
  }

  #graderLine(grader: Grader, line: string): void {
    const message = parseKitchenLine(line);
    const pending = this.#pending;
    if (!message) {
      grader.outputTail.push(line);
      if (grader.outputTail.length > 40) grader.outputTail.shift();
      return;
    }
    if (!pending || this.#grader !== grader) return;
    switch (message.type) {
      case 'progress':
        pending.lastTest = String(message.test ?? '');
        this.#emitter.emit({
          type: 'check-progress',
          done: Number(message.done),
          total: Number(message.total),
          test: pending.lastTest,
        });
        break;
      case 'queued':
        // Waiting for the runner's queue is not the check's time.
        pending.pauseTimer();
        this.#emitter.emit({ type: 'check', state: 'queued', position: Number(message.position) });
        break;
      case 'running':
        pending.armTimer();
        this.#emitter.emit({ type: 'check', state: 'running' });
        break;
      case 'results':
        if (message.id === undefined || message.id === pending.id) pending.resolve(message.results);
        break;
      default:
        break;
    }
  }

  /** Stops the warm harness (another exercise opened, a check ran out of time, the page is leaving). */
  async #closeGrader(): Promise<void> {
    const grader = this.#grader;
    if (!grader) return;
    this.#grader = undefined;
    grader.process.kill();
  }

  async dispose(): Promise<void> {
    await this.stop({ quiet: true });
    await this.#closeGrader();
    this.#unsubscribePort();
    await this.#container.dispose();
  }

  #assertOpen(): ExerciseBundle {
    if (!this.#bundle) throw new RuntimeError('CHECK_FAILED', 'Open an exercise first.');
    return this.#bundle;
  }
}
