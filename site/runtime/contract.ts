/**
 * The one contract between the browser and the local runner (`npm start`): every message and error
 * code that crosses that line, typed once and imported by both sides. The workspace chooses what to
 * tell the learner by these stable codes; the messages themselves are written for the learner by
 * whoever raises them.
 *
 * The local runner is a container (container.ts): the browser's ContainerRuntime writes files, spawns
 * `node <entry>` for one of the template's entry scripts and reads each process's output, exactly as it
 * does in a WebContainer. HTTP API (site/server/runner/api-router.ts): JSON bodies; an error answers
 * `{ error: <message>, code: RunnerErrorCode }` with the status below. Events (one WebSocket per
 * session): ContainerEvent as JSON text, one per message.
 */
import type { ResultsDocument } from '../../grader/src/schemas.ts';

/** A learner's app, as the runner reports it in `status` events. */
export type RunnerAppState =
  'starting' | 'running' | 'stopped' | 'crashed' | 'exited' | 'timeout' | 'output-limit';

/** Why an app stopped on its own or was stopped (a `status` event's `code`). */
export type AppStopCode =
  | 'ABANDONED'
  | 'BLOCKED'
  | 'IDLE'
  | 'OUTPUT_LIMIT'
  | 'TIME_LIMIT'
  | 'NEVER_LISTENED'
  | 'WRONG_PORT'
  | 'EXITED'
  | 'CRASHED'
  | 'OUT_OF_MEMORY'
  | 'DISK_LIMIT'
  | 'CPU_LIMIT'
  | 'FILE_TOO_LARGE';

/** Where a learner's app stands: the runner's run reports it, and the workspace shows it. */
export interface AppStatus {
  type: 'status';
  state: RunnerAppState;
  port?: number;
  message?: string;
  code?: AppStopCode;
  exitCode?: number | null;
}

/** What a runtime tells the workspace (ContainerRuntime emits these, whichever container runs). */
export type RunnerEvent =
  | { type: 'output'; stream: 'stdout' | 'stderr'; data: string }
  | AppStatus
  | { type: 'check'; state: 'queued'; position: number }
  | { type: 'check'; state: 'running' }
  | { type: 'check-progress'; done: number; total: number; test: string }
  | { type: 'check-result'; results: ResultsDocument };

// ---- The container's processes ---------------------------------------------------------------------

/** The template's entry scripts: the only things a container is asked to run, always with `node`. */
export const APP_ENTRY = 'server.js';
export const GRADER_ENTRY = 'harness.mjs';
/**
 * The request script (container-request-script.ts). Under node_modules/: never a learner file, skipped
 * by every workspace walker, and not in .kitchen/, which a one-shot check deletes.
 */
export const REQUEST_ENTRY = 'node_modules/.kitchen/request.mjs';
/** The port the app listens on where the container lets it choose (a WebContainer). */
export const APP_PORT = 3000;

/** A process id the browser picks for each spawn, so events can arrive before the spawn answers. */
export const PROCESS_ID_PATTERN = /^[A-Za-z0-9_-]{1,40}$/;

/** POST /api/sessions/:id/processes */
export interface SpawnRequest {
  pid: string;
  command: string;
  args: string[];
}

/** What the local container's event socket carries. */
export type ContainerEvent =
  | { type: 'process-output'; pid: string; stream: 'stdout' | 'stderr'; data: string }
  /** A process ended. The app's carries the runner's last word on why (a limit, an endless loop…). */
  | { type: 'process-exit'; pid: string; exitCode: number; status?: AppStatus }
  /** The app's port (or, in the sandbox, its Unix socket) started or stopped taking connections. */
  | { type: 'port'; port: number; state: 'open' | 'close' };

/**
 * Lines the harness and the request script print (after KITCHEN_LINE_PREFIX), one JSON object each.
 * The local container prints `queued` and `running` for a check that waits its turn in the runner's
 * queue, and a `reply-error` with the runner's code.
 */
export type KitchenLine =
  | { type: 'ready' }
  | { type: 'progress'; done: number; total: number; test: string }
  | { type: 'results'; id?: number | string; results: ResultsDocument }
  | { type: 'queued'; position: number }
  | { type: 'running' }
  | { type: 'reply'; reply: HttpReply }
  | { type: 'reply-error'; message: string; code?: RunnerErrorCode };

/** Prefix of the harness's machine-readable lines (see exercises/_template/harness.mjs). */
export const KITCHEN_LINE_PREFIX = '@@kitchen ';

export function kitchenLine(message: KitchenLine): string {
  return `${KITCHEN_LINE_PREFIX}${JSON.stringify(message)}\n`;
}

/** One request the Request panel sends to the learner's running app. */
export interface HttpRequest {
  method: string;
  /** Origin-relative, e.g. "/health?x=1". */
  path: string;
  headers?: Record<string, string>;
  /** Raw body text; JSON is the caller's business (it also sets content-type). */
  body?: string;
}

/** What the app answered. */
export interface HttpReply {
  status: number;
  headers: Record<string, string>;
  body: string;
  durationMs: number;
  truncated: boolean;
}

/** Every `code` the runner's HTTP API answers an error with, and its HTTP status. */
export const RUNNER_ERRORS = {
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  SESSION_NOT_FOUND: 404,
  EXERCISE_NOT_FOUND: 404,
  FILE_NOT_FOUND: 404,
  INVALID_EXERCISE: 400,
  EXERCISE_INVALID: 500,
  INVALID_FILES: 400,
  INVALID_JSON: 400,
  BODY_TOO_LARGE: 413,
  TOO_MANY_FILES: 400,
  // A file path the workspace refuses (file-paths.ts).
  INVALID_PATH: 400,
  NUL_BYTE: 400,
  BACKSLASH: 400,
  ABSOLUTE_PATH: 400,
  PATH_TRAVERSAL: 400,
  NODE_MODULES: 400,
  FILE_NOT_EDITABLE: 400,
  FILE_TYPE_NOT_ALLOWED: 400,
  INVALID_CONTENT: 400,
  FILE_TOO_LARGE: 400,
  // A Request-panel request the runner refuses to forward (forward-request.ts).
  INVALID_REQUEST: 400,
  INVALID_METHOD: 400,
  INVALID_REQUEST_PATH: 400,
  INVALID_HEADERS: 400,
  INVALID_BODY: 400,
  SYMLINK_REFUSED: 400,
  FILE_EXISTS: 409,
  NOT_RUNNING: 409,
  // A spawn the local container refuses: only `node` with one of the template's entry scripts.
  COMMAND_NOT_ALLOWED: 400,
  INVALID_PROCESS_ID: 400,
  PROCESS_NOT_FOUND: 404,
  NOT_LISTENING: 409,
  CHECK_IN_PROGRESS: 409,
  CHECK_CANCELLED: 409,
  APP_BLOCKED: 504,
  APP_TIMEOUT: 504,
  APP_CONNECTION_LOST: 502,
  TOO_MANY_SESSIONS: 429,
  QUEUE_FULL: 503,
  RUNNER_FULL: 503,
  RUNNER_FAILED: 500,
} as const;

export type RunnerErrorCode = keyof typeof RUNNER_ERRORS;

export interface RunnerErrorBody {
  error: string;
  code: RunnerErrorCode;
}

export function isRunnerErrorCode(code: unknown): code is RunnerErrorCode {
  return typeof code === 'string' && Object.hasOwn(RUNNER_ERRORS, code);
}
