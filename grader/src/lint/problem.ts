/**
 * One thing the content linter found. Every rule returns these; the CLI prints them all at once as
 * `path:line — what is wrong — the fix`, like Exercism's configlet, so an author fixes everything in one pass.
 */
export type Severity = 'error' | 'warning';

export interface LintProblem {
  /** A stable code that tests and tools can tell apart, e.g. "TASK_NO_TESTS". */
  code: string;
  severity: Severity;
  /** Path relative to the repository root, with forward slashes. */
  file: string;
  /** 1-based line the problem is on, when it can be pinned to one. */
  line?: number;
  /** What is wrong, including what was found. */
  message: string;
  /** What to do about it, as an instruction. */
  fix: string;
}

/** `content/00-x/01-y.mdx:3 — what — fix`, with "warning:" in front of warnings. */
export function formatProblem(problem: LintProblem): string {
  const where = problem.line === undefined ? problem.file : `${problem.file}:${problem.line}`;
  const label = problem.severity === 'warning' ? 'warning: ' : '';
  return `${where} — ${label}${problem.message} — ${problem.fix}`;
}

/** Sorts by file, then line, so problems in one file read top to bottom. */
export function sortProblems(problems: LintProblem[]): LintProblem[] {
  return [...problems].sort(
    (a, b) =>
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
      (a.line ?? 0) - (b.line ?? 0) ||
      a.code.localeCompare(b.code),
  );
}
