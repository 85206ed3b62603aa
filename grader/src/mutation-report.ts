/** The text `npm run mutate` prints for an exercise, and the hint on accepting a survivor. */
import { describeChange, describeMutant } from './mutation-results.ts';
import type { MutantOutcome } from './mutation-results.ts';
import type { MutationReport } from './mutate-exercise.ts';

export function formatScore(score: number | undefined): string {
  if (score === undefined) return 'no mutants';
  const rounded = Math.floor(score * 10) / 10;
  return `${Number.isInteger(rounded) ? rounded.toFixed(0) : rounded.toFixed(1)}%`;
}

export function formatSeconds(ms: number): string {
  const seconds = ms / 1000;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  return `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
}

/**
 * `✗ menu: mutation score 95.1% (39 of 41 mutants caught, 1 accepted, 1 min 4 s)`, then one line per
 * survivor, accepted survivor and problem.
 */
export function formatMutationReport(report: MutationReport): string {
  const { summary } = report;
  const total = summary.detected + summary.undetected;
  const facts = [`${summary.detected} of ${total} mutants caught`];
  if (summary.accepted.length > 0) facts.push(`${summary.accepted.length} accepted`);
  facts.push(formatSeconds(report.durationMs));
  const lines = [
    `${report.ok ? '✓' : '✗'} ${report.slug}: mutation score ${formatScore(summary.score)} (${facts.join(', ')})`,
  ];
  for (const mutant of summary.survivors) lines.push(`    ${describeMutant(mutant)}`);
  for (const { mutant, entry } of summary.accepted)
    lines.push(`    accepted: ${mutant.file}:${mutant.line} — ${describeChange(mutant)}: ${entry.reason}`);
  for (const problem of report.problems) lines.push(`    ${problem}`);
  return lines.join('\n');
}

/** How to accept `mutant` in exercise.yaml, for a survivor no correct test could notice. */
export function acceptHint(mutant: MutantOutcome): string {
  return [
    'A survivor that no correct test should notice (equivalent code, the wording of a log line) can be',
    'accepted in exercise.yaml, with the reason:',
    '  mutation:',
    '    acceptedSurvivors:',
    `      - { file: ${mutant.file}, line: ${mutant.line}, mutator: ${mutant.mutator}, reason: "…" }`,
  ].join('\n');
}
