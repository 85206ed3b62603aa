/**
 * The one contract between the browser and the local runner (`npm start`): every message and error
 * code that crosses that line, typed once and imported by both sides. The workspace chooses what to
 * tell the learner by these stable codes; the messages themselves are written for the learner by
 * whoever raises them.
 *
 * HTTP API (site/server/runner/api-router.ts): JSON bodies; an error answers
 * `{ error: <message>, code: RunnerErrorCode }` with the status below. Events (one WebSocket per
 * session): RunnerEvent as JSON text, one per message.
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

export type RunnerEvent =
  | { type: 'output'; stream: 'stdout' | 'stderr'; data: string }
  | {
      type: 'status';
      state: RunnerAppState;
      port?: number;
      message?: string;
      code?: AppStopCode;
      exitCode?: number | null;
    }
  | { type: 'check'; state: 'queued'; position: number }
  | { type: 'check'; state: 'running' }
  | { type: 'check-progress'; done: number; total: number; test: string }
  | { type: 'check-result'; results: ResultsDocument };

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
