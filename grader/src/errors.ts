/**
 * Errors the grader raises for problems with an exercise or its inputs (never for a learner's code:
 * that becomes a results document). Each carries a stable `code` so callers can tell them apart.
 */
export type GraderErrorCode =
  'EXERCISE_NOT_FOUND' | 'EXERCISE_INVALID' | 'WORKSPACE_INVALID' | 'HARNESS_FAILED' | 'MUTATION_FAILED';

export class GraderError extends Error {
  readonly code: GraderErrorCode;

  constructor(code: GraderErrorCode, message: string) {
    super(message);
    this.name = 'GraderError';
    this.code = code;
  }
}
