/**
 * `npm run lint:content [root]` — checks every lesson, track and exercise and prints every problem
 * at once as `path:line — what is wrong — the fix`, then a summary. Exits 1 when there is an error.
 */
import path from 'node:path';
import { formatProblem, lintContent, summarize } from '../src/lint/index.ts';

try {
  const root = path.resolve(process.argv[2] ?? '.');
  const report = lintContent(root);
  for (const problem of report.problems) console.log(formatProblem(problem));
  if (report.problems.length > 0) console.log('');
  console.log(`lint:content: ${summarize(report)}`);
  process.exitCode = report.counts.errors > 0 ? 1 : 0;
} catch (error) {
  console.error(`lint:content failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 2;
}
