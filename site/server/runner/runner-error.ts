/**
 * Errors the runner's API answers with. Each carries an HTTP status and a stable `code` the browser
 * can branch on; the message is written for the learner (what, where, and what to do).
 */
import { RUNNER_ERRORS, type RunnerErrorCode } from '../../runtime/contract.ts';

export class RunnerError extends Error {
  readonly status: number;
  readonly code: RunnerErrorCode;

  /** The HTTP status comes from the contract's table, so one code always answers with one status. */
  constructor(code: RunnerErrorCode, message: string) {
    super(message);
    this.name = 'RunnerError';
    this.status = RUNNER_ERRORS[code];
    this.code = code;
  }
}

export function isRunnerError(error: unknown): error is RunnerError {
  return error instanceof RunnerError;
}
