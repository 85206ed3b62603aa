/** The content linter's public face: run it, format what it found. */
export { lintContent, summarize, type LintReport } from './lint-content.ts';
export { formatProblem, type LintProblem, type Severity } from './problem.ts';
