/**
 * The one face the exercise workspace sees of "a container that holds files and runs node". One
 * implementation, ContainerRuntime (container-runtime.ts), runs over either container backend: a
 * WebContainer in the learner's browser or the local runner that `npm start` serves. The workspace
 * never knows which one it talks to, except to show the learner a label.
 */
import type { ResultsDocument } from '../../grader/src/schemas.ts';
import type { PreparedWorkspace } from './container.ts';
import type { RunnerAppState, RunnerEvent, RunnerErrorCode } from './contract.ts';

export type { HttpReply, HttpRequest } from './contract.ts';
import type { HttpReply, HttpRequest } from './contract.ts';

export type RuntimeKind = 'webcontainer' | 'local';

/** What the runtime is doing with the learner's app, mirrored in the workspace's status line. */
export type AppState = RunnerAppState | 'booting' | 'installing' | 'ready' | 'error';

/** The runner's events (contract.ts), plus the states only a WebContainer goes through. */
export type RuntimeEvent =
  | Exclude<RunnerEvent, { type: 'status' }>
  | (Omit<Extract<RunnerEvent, { type: 'status' }>, 'state'> & { state: AppState });

export type RuntimeListener = (event: RuntimeEvent) => void;

/** A file map: path relative to the workspace (e.g. "app.js") → text content. */
export type FileMap = Record<string, string>;

/** What a runtime needs to prepare a workspace for one exercise. */
export interface OpenOptions {
  exercise: string;
  /** The learner's files (starter files on a first visit). */
  files: FileMap;
}

/** The workspace a runtime prepared for an exercise (container.ts PreparedWorkspace, named). */
export type Session = PreparedWorkspace & { exercise: string };

export interface Runtime {
  readonly kind: RuntimeKind;
  /** Shown to the learner, e.g. "Local runner" or "WebContainer (in your browser)". */
  readonly label: string;
  open(options: OpenOptions): Promise<Session>;
  writeFile(path: string, content: string): Promise<void>;
  deleteFile(path: string): Promise<void>;
  renameFile(from: string, to: string): Promise<void>;
  /** Starts the app (restarts it when it is running); the port arrives as a "running" status event. */
  run(): Promise<void>;
  stop(): Promise<void>;
  /** Sends one HTTP request to the running app. Rejects with RuntimeError code NOT_RUNNING when stopped. */
  request(request: HttpRequest): Promise<HttpReply>;
  /** Runs the exercise's tests against the learner's files and resolves with the results document. */
  check(): Promise<ResultsDocument>;
  /** Stops the app and deletes its database files (*.db, *.sqlite and their journals): a Reset's data half. */
  resetData(): Promise<void>;
  on(listener: RuntimeListener): () => void;
  dispose(): Promise<void>;
}

export type RuntimeErrorCode =
  | 'NOT_RUNNING'
  | 'BAD_PATH'
  | 'UNSUPPORTED'
  | 'BOOT_TIMEOUT'
  | 'BOOT_FAILED'
  | 'INSTALL_FAILED'
  | 'FORBIDDEN'
  | 'NETWORK'
  | 'SERVER'
  | 'CHECK_FAILED';

/**
 * An error the workspace can tell apart by `code` and show by `message` (written for the learner).
 * A code the local runner answered with (contract.ts) is kept as it is.
 */
export class RuntimeError extends Error {
  readonly code: RuntimeErrorCode | RunnerErrorCode;
  constructor(code: RuntimeErrorCode | RunnerErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RuntimeError';
    this.code = code;
  }
}

/** A tiny synchronous event fan-out. */
export class Emitter {
  #listeners = new Set<RuntimeListener>();
  on(listener: RuntimeListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
  emit(event: RuntimeEvent): void {
    for (const listener of this.#listeners) listener(event);
  }
}
