/** Errors the scaffolder raises; each says what is wrong and what to type instead, and has a stable code. */
export type ScaffoldErrorCode =
  'USAGE' | 'BAD_SLUG' | 'TRACK_NOT_FOUND' | 'SLUG_TAKEN' | 'EXISTS' | 'NO_LESSON' | 'LESSON_HAS_EXERCISE';

export class ScaffoldError extends Error {
  readonly code: ScaffoldErrorCode;

  constructor(code: ScaffoldErrorCode, message: string) {
    super(message);
    this.name = 'ScaffoldError';
    this.code = code;
  }
}
