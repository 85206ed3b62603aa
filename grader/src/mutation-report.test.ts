import { expect, test } from 'vitest';
import { acceptHint, formatMutationReport, formatScore, formatSeconds } from './mutation-report.ts';
import { summarizeMutants } from './mutation-results.ts';
import type { MutantOutcome } from './mutation-results.ts';
import type { MutationReport } from './mutate-exercise.ts';

const killed: MutantOutcome = {
  file: 'app.js',
  line: 8,
  column: 3,
  mutator: 'StringLiteral',
  original: "'/menu'",
  replacement: '""',
  status: 'Killed',
};
const boundary: MutantOutcome = {
  ...killed,
  line: 14,
  mutator: 'EqualityOperator',
  original: 'qty >= 1',
  replacement: 'qty > 1',
  status: 'Survived',
};
const logLine: MutantOutcome = {
  ...killed,
  line: 5,
  original: '`${req.method} ${req.path}`',
  replacement: '``',
  status: 'Survived',
};

function report(mutants: MutantOutcome[], problems: string[] = []): MutationReport {
  const summary = summarizeMutants(mutants, [
    { file: 'app.js', line: 5, mutator: 'StringLiteral', reason: 'the wording of a log line' },
  ]);
  return {
    slug: 'menu',
    dir: '/repo/exercises/00-how-the-back-end-works/02-menu',
    ok: summary.survivors.length === 0 && problems.length === 0,
    problems,
    mutants,
    summary,
    workers: 1,
    durationMs: 64_200,
  };
}

test('prints the score, each survivor with its advice, and the accepted ones with their reasons', () => {
  expect(formatMutationReport(report([killed, killed, boundary, logLine]))).toMatchInlineSnapshot(`
    "✗ menu: mutation score 50% (2 of 4 mutants caught, 1 accepted, 1 min 4 s)
        app.js:14 — \`>=\` changed to \`>\` and no test noticed: add a test for the boundary (a value exactly on the limit) [EqualityOperator]
        accepted: app.js:5 — \`\${req.method} \${req.path}\` changed to \`\`: the wording of a log line"
  `);
});

test('ticks an exercise whose only survivors are accepted', () => {
  expect(formatMutationReport(report([killed, logLine])).split('\n')[0]).toBe(
    '✓ menu: mutation score 50% (1 of 2 mutants caught, 1 accepted, 1 min 4 s)',
  );
});

test('crosses an exercise with a stale accepted entry and prints the problem', () => {
  const text = formatMutationReport(
    report([killed], ['exercise.yaml: mutation.acceptedSurvivors[0] … matches no surviving mutant']),
  );
  expect(text).toContain('✗ menu: mutation score 100% (1 of 1 mutants caught, 1 min 4 s)');
  expect(text).toContain('    exercise.yaml: mutation.acceptedSurvivors[0] … matches no surviving mutant');
});

test('rounds the score down, so 99.96% never shows as 100%', () => {
  expect(formatScore(99.96)).toBe('99.9%');
  expect(formatScore(100)).toBe('100%');
  expect(formatScore(undefined)).toBe('no mutants');
});

test('prints seconds under a minute and minutes above', () => {
  expect(formatSeconds(9_340)).toBe('9.3 s');
  expect(formatSeconds(125_000)).toBe('2 min 5 s');
});

test('shows the exercise.yaml lines that accept a survivor', () => {
  expect(acceptHint(boundary)).toContain(
    '      - { file: app.js, line: 14, mutator: EqualityOperator, reason: "…" }',
  );
});
