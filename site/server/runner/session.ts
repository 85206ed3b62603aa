/**
 * One learner's session: a workspace folder for one exercise, the app run in it (at most one at a
 * time), checks, and the event hub its browser tab listens to.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { processTree } from '../../../grader/src/process-tree.ts';
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { ResultsDocument } from '../../../grader/src/schemas.ts';
import { shortenPaths, type PathRoot } from '../../../exercises/_template/grading/paths.js';
import { isDatabaseFile } from '../../runtime/learner-path.ts';
import { startAppRun, type AppRun } from './app-run.ts';
import type { CheckQueue } from './check-queue.ts';
import type { WarmCheckers } from './warm-checkers.ts';
import type { RunnerExercise } from './exercise-catalog.ts';
import { checkContent, checkPathShape, checkWritablePath, type FilePolicy } from './file-paths.ts';
import { forwardRequest, validateForwardRequest, type ForwardReply } from './forward-request.ts';
import { freePort } from './port-watch.ts';
import { errorResults } from '../../../grader/src/results.ts';
import { createCheckGrader } from './run-check.ts';
import { RunnerError } from './runner-error.ts';
import { EventHub } from './runner-events.ts';
import {
  APP_ENTRY,
  GRADER_ENTRY,
  PROCESS_ID_PATTERN,
  REQUEST_ENTRY,
  kitchenLine,
  type AppStatus,
  type KitchenLine,
} from '../../runtime/contract.ts';
import { isRunnerError } from './runner-error.ts';
import type { RunnerLimits } from './runner-limits.ts';
import type { KernelLimits, SandboxMounts } from './bubblewrap.ts';
import { limitMessage, watchResources } from './resource-watch.ts';
import { gradingEntries, learnerLaunch, sandboxEnv, sandboxNodeArgs, type Launch } from './sandbox.ts';
import type { WorkspaceRoot } from './workspace-root.ts';
import { deleteWorkspaceFile, renameWorkspaceFile, writeWorkspaceFile } from './workspace-files.ts';

export interface SessionOptions {
  clientKey: string;
  exercise: RunnerExercise;
  root: WorkspaceRoot;
  limits: RunnerLimits;
  checks: CheckQueue;
  /** The warm graders of all sessions (at most a few stay open). */
  graders: WarmCheckers;
  learnerFiles: Iterable<string>;
  reserved: Set<string>;
  workspace: string;
}

const BLOCKED_POLL_MS = 250;

/**
 * Whether a process of this tree is on the processor or waiting for it (state R); undefined where
 * /proc is missing. An app that waits for a timer, a file or a socket sleeps (S) between events.
 */
function anyRunnable(pid: number): boolean | undefined {
  let seen = false;
  for (const member of processTree(pid)) {
    try {
      const stat = readFileSync(`/proc/${member}/stat`, 'utf8');
      seen = true;
      if (stat.slice(stat.lastIndexOf(')') + 2).startsWith('R')) return true;
    } catch {
      // Gone.
    }
  }
  return seen ? false : undefined;
}

/**
 * Resolves when the app stays runnable for `blockedMs` in a row while a request waits: its event loop
 * never gets back to taking requests (an endless loop). Runnable, not "using the CPU": on a busy
 * machine an endless loop at low priority waits for the processor, and is just as stuck. Never
 * resolves where /proc cannot be read.
 */
function watchBlocked(pid: number, blockedMs: number): { promise: Promise<void>; stop(): void } {
  let timer: NodeJS.Timeout | undefined;
  const promise = new Promise<void>((resolve) => {
    if (anyRunnable(pid) === undefined) return;
    let busyMs = 0;
    timer = setInterval(() => {
      busyMs = anyRunnable(pid) ? busyMs + BLOCKED_POLL_MS : 0;
      if (busyMs >= blockedMs) {
        clearInterval(timer);
        resolve();
      }
    }, BLOCKED_POLL_MS);
    timer.unref();
  });
  return { promise, stop: () => clearInterval(timer) };
}

/** What the check reports on the way (the grader process prints each as a line). */
export interface CheckEvents {
  onQueued?: (position: number) => void;
  onRunning?: () => void;
  onProgress?: (progress: { done: number; total: number; test: string }) => void;
}

interface SessionProcess {
  kind: 'app' | 'grader' | 'request';
  input?: (data: string) => void;
  kill(): Promise<void>;
}

export function newSessionId(): string {
  return randomBytes(16).toString('base64url');
}

export class Session {
  readonly id: string;
  readonly clientKey: string;
  readonly exercise: RunnerExercise;
  readonly workspace: string;
  readonly hub = new EventHub();
  lastUsed = Date.now();
  private readonly root: WorkspaceRoot;
  private readonly limits: RunnerLimits;
  private readonly checks: CheckQueue;
  private readonly graders: WarmCheckers;
  private readonly policy: FilePolicy;
  private readonly learnerFiles: Set<string>;
  /** The machine's folders a learner never sees (grading/paths.js shortens them). */
  private readonly pathRoots: PathRoot[];
  /** Grading files inside the workspace, mounted read-only in every sandbox. */
  private readonly gradingPaths: string[];
  /** The folder of the app's Unix socket (only used inside bubblewrap). */
  private readonly socketDir: string;
  private app: AppRun | undefined;
  /** The app's port, while it takes connections (what the page was told). */
  private openPort: number | undefined;
  /** The processes the page spawned (ContainerEvents name them by the page's pid). */
  private readonly processes = new Map<string, SessionProcess>();
  private starting: Promise<void> | undefined;
  private checking: AbortController | undefined;
  private runIdleTimer: NodeJS.Timeout | undefined;
  private abandonTimer: NodeJS.Timeout | undefined;
  private ended = false;

  constructor(id: string, options: SessionOptions) {
    this.id = id;
    this.clientKey = options.clientKey;
    this.exercise = options.exercise;
    this.root = options.root;
    this.limits = options.limits;
    this.checks = options.checks;
    this.graders = options.graders;
    this.workspace = options.workspace;
    this.learnerFiles = new Set(options.learnerFiles);
    this.policy = {
      editable: options.exercise.editable,
      allowNewFiles: options.exercise.allowNewFiles,
      reserved: options.reserved,
      fileBytes: options.limits.fileBytes,
    };
    this.pathRoots = [
      { path: this.workspace },
      { path: this.root.nodeModules, as: 'node_modules' },
      { path: this.root.nodeModulesLink, as: 'node_modules' },
    ];
    this.gradingPaths = gradingEntries(this.workspace, options.reserved);
    this.socketDir = join(this.root.socketsDir, id.slice(0, 16));
    // The page is the heartbeat: once the last one listening goes away, a running app is stopped
    // soon after (a reload reconnects within the grace and keeps it).
    this.hub.onEmpty = () => {
      if (!this.app?.isRunning()) return;
      this.clearAbandon();
      this.abandonTimer = setTimeout(() => void this.app?.stop('abandoned'), this.limits.runAbandonedMs);
      this.abandonTimer.unref();
    };
    this.hub.onAttach = () => this.clearAbandon();
  }

  private clearAbandon(): void {
    if (this.abandonTimer) clearTimeout(this.abandonTimer);
    this.abandonTimer = undefined;
  }

  get isEnded(): boolean {
    return this.ended;
  }

  touch(): void {
    this.lastUsed = Date.now();
    if (this.app?.isRunning()) this.armRunIdle();
  }

  /** Learners never see a machine path: the workspace and node_modules paths become relative. */
  sanitize(text: string): string {
    return shortenPaths(text, this.pathRoots);
  }

  // ---- Files ---------------------------------------------------------------------------------------

  async writeFile(path: unknown, content: unknown): Promise<void> {
    const checked = checkWritablePath(path, this.policy);
    const text = checkContent(checked, content, this.limits.fileBytes);
    if (!this.learnerFiles.has(checked) && this.learnerFiles.size >= this.limits.filesPerWorkspace) {
      throw new RunnerError('TOO_MANY_FILES',
        `This workspace already has ${this.learnerFiles.size} files, the most it may hold; delete one first.`,
      );
    }
    await writeWorkspaceFile(this.workspace, checked, text);
    this.learnerFiles.add(checked);
  }

  async deleteFile(path: unknown): Promise<void> {
    // The app's database in the top folder (a Reset starts the data over): the app's, not the learner's.
    if (typeof path === 'string' && !path.includes('/') && isDatabaseFile(path) && !path.startsWith('.')) {
      checkPathShape(path);
      await rm(join(this.workspace, path), { force: true });
      return;
    }
    const checked = checkWritablePath(path, this.policy);
    if (!(await deleteWorkspaceFile(this.workspace, checked))) {
      throw new RunnerError('FILE_NOT_FOUND',
        `"${checked}" does not exist, so there is nothing to delete.`,
      );
    }
    this.learnerFiles.delete(checked);
  }

  async renameFile(from: unknown, to: unknown): Promise<void> {
    const source = checkWritablePath(from, this.policy);
    const target = checkWritablePath(to, this.policy);
    checkPathShape(target);
    await renameWorkspaceFile(this.workspace, source, target);
    this.learnerFiles.delete(source);
    this.learnerFiles.add(target);
  }

  // ---- Run -----------------------------------------------------------------------------------------

  private sandbox(mode: 'run' | 'check', memoryMb: number): string[] {
    return sandboxNodeArgs({
      mode,
      workspace: this.workspace,
      root: this.root.path,
      nodeModules: this.root.nodeModules,
      nodeModulesLink: this.root.nodeModulesLink,
      addons: this.exercise.usesSqlite,
      memoryMb,
    });
  }

  private mounts(socketDir?: string): SandboxMounts {
    return {
      workspace: this.workspace,
      readOnly: this.gradingPaths,
      emptyDir: this.root.emptyDir,
      hostsFile: this.root.hostsFile,
      nodeModules: this.root.nodeModules,
      nodeModulesLink: this.root.nodeModulesLink,
      socketDir,
    };
  }

  private kernelLimits(cpuSeconds: number): KernelLimits {
    return {
      fileBytes: this.limits.writeFileMb * 1024 * 1024,
      openFiles: this.limits.openFiles,
      cpuSeconds,
    };
  }

  private diskLimits() {
    return {
      workspace: this.workspace,
      diskBytes: this.limits.diskMb * 1024 * 1024,
      maxEntries: this.limits.workspaceEntries,
    };
  }

  private armRunIdle(): void {
    if (this.runIdleTimer) clearTimeout(this.runIdleTimer);
    this.runIdleTimer = setTimeout(() => void this.app?.stop('idle'), this.limits.runIdleMs);
    this.runIdleTimer.unref();
  }

  /**
   * Starts the app as process `pid` (the browser's name for it), stopping the previous run first;
   * resolves once it is starting. Its output, its port and its end go to the page as ContainerEvents.
   */
  async run(pid = 'app'): Promise<void> {
    this.assertLive();
    const previous = this.starting;
    const next = (async () => {
      await previous?.catch(() => undefined);
      await this.app?.stop('restart');
      if (this.ended) return;
      this.hub.clearBacklog();
      const nodeArgs = this.sandbox('run', this.limits.memoryMb);
      const launch: Launch = learnerLaunch(
        [...nodeArgs, 'server.js'],
        this.mounts(this.socketDir),
        this.kernelLimits(this.limits.runCpuSeconds),
      );
      // Inside bubblewrap the app has no network: it listens on a socket, and PORT is only what it
      // prints. Without bubblewrap it gets a free port of this machine.
      const socket = launch.sandboxed ? join(this.socketDir, 'app.sock') : undefined;
      if (socket) {
        mkdirSync(this.socketDir, { recursive: true });
        rmSync(socket, { force: true });
      }
      const port = socket ? 3000 : await freePort();
      this.app = startAppRun({
        workspace: this.workspace,
        port,
        socket,
        nodeArgs,
        launch,
        resources: {
          memoryBytes: this.limits.residentMb * 1024 * 1024,
          ...this.diskLimits(),
        },
        cpuSeconds: this.limits.runCpuSeconds,
        fileBytes: this.limits.writeFileMb * 1024 * 1024,
        env: sandboxEnv({ mode: 'run', workspace: this.workspace, root: this.root.path, port, socket }),
        listenTimeoutMs: this.limits.listenTimeoutMs,
        maxMs: this.limits.runMaxMs,
        outputBytes: this.limits.runOutputBytes,
        emit: (event) => this.appStatus(pid, event),
        sanitize: (text) => this.sanitize(text),
        output: (stream, text) => this.hub.output(pid, stream, this.sanitize(text)),
        groups: this.root,
      });
      this.armRunIdle();
    })();
    this.starting = next;
    await next;
  }

  /** The app's run said where it stands: the port opened, or it ended (and why). */
  private appStatus(pid: string, status: AppStatus): void {
    if (status.state === 'starting') return;
    if (status.state === 'running') {
      if (status.port === undefined) return;
      this.openPort = status.port;
      this.hub.send({ type: 'port', port: status.port, state: 'open' }, true);
      return;
    }
    if (this.openPort !== undefined) this.hub.send({ type: 'port', port: this.openPort, state: 'close' });
    this.openPort = undefined;
    if (this.processes.get(pid)?.kind === 'app') this.processes.delete(pid);
    this.hub.send(
      { type: 'process-exit', pid, exitCode: status.exitCode ?? (status.state === 'exited' ? 0 : 1), status },
      true,
    );
  }

  async stop(): Promise<void> {
    await this.starting?.catch(() => undefined);
    if (this.runIdleTimer) clearTimeout(this.runIdleTimer);
    await this.app?.stop('stopped');
  }

  isRunning(): boolean {
    return this.app?.isRunning() ?? false;
  }

  async request(input: unknown): Promise<ForwardReply> {
    const request = validateForwardRequest(input);
    await this.starting?.catch(() => undefined);
    const app = this.app;
    if (!app?.isRunning())
      throw new RunnerError('NOT_RUNNING', 'Your app is not running; press Run first.');
    if (!app.isListening())
      throw new RunnerError('NOT_LISTENING',
        'Your app is still starting; wait until it says it is listening.',
      );
    const blocked = watchBlocked(app.pid, this.limits.blockedMs);
    // Set before the app is stopped, so the connection it then drops reads as this, not as a crash.
    let blockedError: RunnerError | undefined;
    try {
      return await Promise.race([
        forwardRequest(app.port, request, {
          responseBytes: this.limits.responseBytes,
          timeoutMs: this.limits.requestTimeoutMs,
          socketPath: app.socket,
        }).catch((error: unknown) => {
          throw blockedError ?? error;
        }),
        blocked.promise.then(async (): Promise<never> => {
          blockedError = new RunnerError('APP_BLOCKED',
            `Your app did not answer ${request.method} ${request.path}: it stayed busy for ${this.limits.blockedMs / 1000} s without answering anything, which an endless loop does (it blocks every request, not only this one). The runner stopped your app; fix the loop, then press Run.`,
          );
          await app.stop('blocked');
          throw blockedError;
        }),
      ]);
    } finally {
      blocked.stop();
    }
  }

  // ---- Check ---------------------------------------------------------------------------------------

  async check(events: CheckEvents = {}): Promise<ResultsDocument> {
    this.assertLive();
    if (this.checking) {
      throw new RunnerError('CHECK_IN_PROGRESS',
        'A check of this exercise is already running; wait for its result.',
      );
    }
    const controller = new AbortController();
    this.checking = controller;
    try {
      const results = await this.checks.run(
        {
          onPosition: (position) => events.onQueued?.(position),
          signal: controller.signal,
        },
        async () => {
          if (controller.signal.aborted)
            return errorResults('CHECK_CANCELLED', 'The session ended before the check started.');
          events.onRunning?.();
          const create = () =>
            createCheckGrader({
              workspace: this.workspace,
              sandboxArgs: this.sandbox('check', this.limits.checkMemoryMb),
              env: sandboxEnv({ mode: 'check', workspace: this.workspace, root: this.root.path }),
              timeoutMs: this.exercise.timeoutMs,
              outputBytes: this.exercise.outputBytes,
              groups: this.root,
              launch: (args) => {
                const launch = learnerLaunch(
                  args,
                  this.mounts(),
                  this.kernelLimits(this.limits.checkCpuSeconds),
                );
                return { command: launch.command, args: launch.args };
              },
              guard: (pid, stop) => {
                const memoryBytes = this.limits.checkResidentMb * 1024 * 1024;
                const disk = this.diskLimits();
                const watch = watchResources({
                  rootPid: pid,
                  memoryBytes,
                  ...disk,
                  onLimit: (kind) =>
                    stop(
                      kind === 'memory' ? 'OUT_OF_MEMORY' : 'DISK_LIMIT',
                      limitMessage(
                        kind,
                        kind === 'memory' ? memoryBytes : kind === 'disk' ? disk.diskBytes : disk.maxEntries,
                      ),
                    ),
                });
                return () => watch.stop();
              },
            });
          const results = await this.graders.run(this.id, create, (grader) =>
            grader.check({
              onProgress: (progress) => events.onProgress?.(progress),
              signal: controller.signal,
              // With checks waiting, this grader may well be closed before its next check: don't
              // spend CPU on a spare worker for it.
              prepareNext: this.checks.queued === 0,
            }),
          );
          // The runner's API has always called this CHECK_CANCELLED.
          return results.code === 'ABORTED'
            ? { ...results, code: 'CHECK_CANCELLED', message: 'The check was stopped before it finished.' }
            : results;
        },
      );
      return this.sanitizeResults(results);
    } finally {
      this.checking = undefined;
    }
  }

  private sanitizeResults(results: ResultsDocument): ResultsDocument {
    const clean = (text: string | undefined) => (text === undefined ? undefined : this.sanitize(text));
    return {
      ...results,
      message: clean(results.message),
      tests: results.tests.map((test) => ({
        ...test,
        message: clean(test.message),
        output: clean(test.output),
      })),
    };
  }

  // ---- Processes: the local container's spawn --------------------------------------------------------

  /**
   * Runs `node <entry>` for the page, as a WebContainer would, but only the template's own entry
   * scripts and each through the runner's own path: server.js is the app's run (sandbox, limits, port
   * watch), `harness.mjs --serve` is this session's warm grader behind the check queue (a check per
   * stdin line, its lines printed back), and the request script is answered here, through the app's
   * socket, with the line the script prints. Nothing else runs.
   */
  async spawn(input: unknown): Promise<void> {
    this.assertLive();
    const { pid, args } = checkSpawn(input);
    if (this.processes.has(pid))
      throw new RunnerError('INVALID_PROCESS_ID', `Process "${pid}" is already running in this session.`);
    const [entry, ...rest] = args;
    if (entry === APP_ENTRY && rest.length === 0) {
      // Registered first: run() stops the previous app, whose exit must not unregister this one.
      this.processes.set(pid, { kind: 'app', kill: () => this.stop() });
      try {
        await this.run(pid);
      } catch (error) {
        this.processes.delete(pid);
        throw error;
      }
      for (const [other, process] of this.processes)
        if (process.kind === 'app' && other !== pid) this.processes.delete(other);
      return;
    }
    if (entry === GRADER_ENTRY && rest.length === 1 && rest[0] === '--serve') {
      this.spawnGrader(pid);
      return;
    }
    if (entry === REQUEST_ENTRY && rest.length === 1) {
      this.processes.set(pid, { kind: 'request', kill: async () => undefined });
      void this.answerRequest(pid, rest[0]!);
      return;
    }
    throw new RunnerError('COMMAND_NOT_ALLOWED',
      `The local runner runs only the template's own scripts: node ${APP_ENTRY}, node ${GRADER_ENTRY} --serve and node ${REQUEST_ENTRY} <request>.`,
    );
  }

  /** A line (or part of one) for a process's stdin. Only the grader reads its stdin. */
  processInput(pid: unknown, data: unknown): void {
    const process = this.processes.get(String(pid));
    if (!process) throw new RunnerError('PROCESS_NOT_FOUND', `No process "${String(pid)}" is running in this session.`);
    if (typeof data !== 'string' || data.length > 4096)
      throw new RunnerError('INVALID_CONTENT', 'A process takes its input as a short text.');
    process.input?.(data);
  }

  async kill(pid: unknown): Promise<void> {
    const process = this.processes.get(String(pid));
    if (!process) return;
    await process.kill();
  }

  private print(pid: string, message: KitchenLine): void {
    this.hub.send({ type: 'process-output', pid, stream: 'stdout', data: kitchenLine(message) });
  }

  private exit(pid: string, exitCode: number): void {
    if (!this.processes.delete(pid)) return;
    this.hub.send({ type: 'process-exit', pid, exitCode });
  }

  private async answerRequest(pid: string, argument: string): Promise<void> {
    try {
      let parsed: unknown;
      try {
        parsed = JSON.parse(argument);
      } catch {
        throw new RunnerError('INVALID_REQUEST', 'The request script takes one JSON argument.');
      }
      // The script's own fields: the runner knows the app's port (or socket) and the size limit itself.
      const { port: _port, limit: _limit, ...request } = (typeof parsed === 'object' && parsed) as Record<string, unknown>;
      this.print(pid, { type: 'reply', reply: await this.request(request) });
      this.exit(pid, 0);
    } catch (error) {
      if (!isRunnerError(error)) console.error('Local runner error:', error);
      const message = isRunnerError(error) ? error.message : 'The local runner failed to send the request.';
      this.print(pid, { type: 'reply-error', message, code: isRunnerError(error) ? error.code : 'RUNNER_FAILED' });
      this.exit(pid, 1);
    }
  }

  private spawnGrader(pid: string): void {
    let buffered = '';
    let queue = Promise.resolve();
    const process: SessionProcess = {
      kind: 'grader',
      input: (data) => {
        buffered += data;
        const lines = buffered.split('\n');
        buffered = lines.pop() ?? '';
        for (const line of lines) {
          const text = line.trim();
          if (!text) continue;
          let command: { type?: unknown; id?: unknown };
          try {
            command = text.startsWith('{') ? (JSON.parse(text) as typeof command) : { type: text };
          } catch {
            continue;
          }
          if (command.type === 'close') void process.kill();
          if (command.type === 'check') {
            const id = typeof command.id === 'number' || typeof command.id === 'string' ? command.id : undefined;
            queue = queue.then(() => this.checkFor(pid, id));
          }
        }
      },
      kill: async () => {
        this.checking?.abort();
        await this.graders.release(this.id);
        this.exit(pid, 0);
      },
    };
    this.processes.set(pid, process);
    this.print(pid, { type: 'ready' });
  }

  private async checkFor(pid: string, id: number | string | undefined): Promise<void> {
    if (!this.processes.has(pid)) return;
    let results: ResultsDocument;
    try {
      results = await this.check({
        onQueued: (position) => this.print(pid, { type: 'queued', position }),
        onRunning: () => this.print(pid, { type: 'running' }),
        onProgress: (progress) => this.print(pid, { type: 'progress', ...progress }),
      });
    } catch (error) {
      if (!isRunnerError(error)) console.error('Local runner error:', error);
      results = errorResults(
        isRunnerError(error) ? error.code : 'RUNNER_FAILED',
        isRunnerError(error) ? error.message : 'The local runner failed to run the check.',
      );
    }
    if (this.processes.has(pid)) this.print(pid, { type: 'results', id, results });
  }

  /** The names in the workspace's top folder (the page's Reset looks for database files there). */
  async listTop(): Promise<string[]> {
    this.assertLive();
    return (await readdir(this.workspace)).sort();
  }

  // ---- End -----------------------------------------------------------------------------------------

  private assertLive(): void {
    if (this.ended)
      throw new RunnerError('SESSION_NOT_FOUND',
        'This session has ended; reload the page to start a new one.',
      );
  }

  async end(): Promise<void> {
    if (this.ended) return;
    this.ended = true;
    this.clearAbandon();
    if (this.runIdleTimer) clearTimeout(this.runIdleTimer);
    this.checking?.abort();
    this.processes.clear();
    await this.starting?.catch(() => undefined);
    await this.app?.stop('shutdown');
    await this.graders.release(this.id);
    this.hub.close();
    await rm(this.workspace, { recursive: true, force: true });
    await rm(this.socketDir, { recursive: true, force: true });
  }
}

function checkSpawn(input: unknown): { pid: string; args: string[] } {
  const { pid, command, args } = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
  if (typeof pid !== 'string' || !PROCESS_ID_PATTERN.test(pid))
    throw new RunnerError('INVALID_PROCESS_ID', 'A process id is 1–40 letters, digits, "-" or "_".');
  if (command !== 'node' || !Array.isArray(args) || !args.every((arg) => typeof arg === 'string'))
    throw new RunnerError('COMMAND_NOT_ALLOWED', 'The local runner runs only node, with a list of text arguments.');
  return { pid, args: args as string[] };
}

export function workspacePath(root: WorkspaceRoot, id: string): string {
  return join(root.sessionsDir, id);
}
