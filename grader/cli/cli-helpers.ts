/** What the grader's commands share: the top-level catch and the human-readable results. */
import type { ResultsDocument } from '../src/index.ts';

/** Runs a command; prints "label: message" and sets exit code 2 on an unexpected error. */
export function runCommand(label: string, main: () => Promise<number>): void {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      console.error(`${label}: ${message}`);
      process.exitCode = 2;
    },
  );
}

const MARK = { pass: '✓', fail: '✗', error: '!' } as const;

/** Tasks with ticks and crosses, then the first failure in full. */
export function formatResults(doc: ResultsDocument): string {
  const lines: string[] = [];
  for (const task of doc.tasks) lines.push(`  ${MARK[task.status]} ${task.id}. ${task.title}`);
  if (doc.status === 'error') {
    lines.push('', `Could not run the tests${doc.code ? ` (${doc.code})` : ''}:`, indent(doc.message ?? ''));
  } else {
    const failure = doc.tests.find((test) => test.status !== 'pass');
    if (failure) {
      lines.push('', `First failure — ${failure.name}:`, indent(failure.message ?? '(no message)'));
      if (failure.output)
        lines.push(
          '',
          'Your app printed:',
          indent(failure.output.trimEnd().split('\n').slice(-15).join('\n')),
        );
    }
    const passed = doc.tests.filter((test) => test.status === 'pass').length;
    lines.push(
      '',
      doc.status === 'pass'
        ? `PASS: all ${doc.tests.length} tests pass.`
        : `FAIL: ${doc.message ?? `${passed} of ${doc.tests.length} tests pass.`}`,
    );
  }
  return lines.join('\n');
}

export function exitCodeFor(doc: ResultsDocument): number {
  return doc.status === 'pass' ? 0 : doc.status === 'fail' ? 1 : 2;
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');
}
