/**
 * Errors the runner's API answers with. Each carries an HTTP status and a stable `code` the browser
 * can branch on; the message is written for the learner (what, where, and what to do).
 */
export class RunnerError extends Error {
  readonly status: number;
  readonly code: string;

  constructor(status: number, code: string, message: string) {
    super(message);
    this.name = 'RunnerError';
    this.status = status;
    this.code = code;
  }
}

export function isRunnerError(error: unknown): error is RunnerError {
  return error instanceof RunnerError;
}
