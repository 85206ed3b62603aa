/**
 * Runs every content rule over a repository and returns all problems, sorted by file and line.
 * Each rule family lives in its own file; this one only reads the tree once and combines them.
 */
import { checkDuplicates } from './duplicate-rules.ts';
import { checkEditableFiles } from './file-rules.ts';
import { checkLessonAssets } from './lesson-asset-rules.ts';
import { checkLinks } from './link-rules.ts';
import { sortProblems, type LintProblem } from './problem.ts';
import { readContentTree } from './content-tree.ts';
import { checkReferences } from './reference-rules.ts';
import { checkSchemas } from './schema-rules.ts';
import { checkSql } from './sql-rules.ts';
import { checkTasks } from './task-rules.ts';

export interface LintReport {
  problems: LintProblem[];
  counts: { tracks: number; lessons: number; exercises: number; errors: number; warnings: number };
}

const RULES = [
  checkSchemas,
  checkReferences,
  checkDuplicates,
  checkTasks,
  checkEditableFiles,
  checkSql,
  checkLessonAssets,
  checkLinks,
];

export function lintContent(root: string): LintReport {
  const { tree, problems } = readContentTree(root);
  for (const rule of RULES) problems.push(...rule(tree));
  const sorted = sortProblems(problems);
  const errors = sorted.filter((problem) => problem.severity === 'error').length;
  return {
    problems: sorted,
    counts: {
      tracks: tree.tracks.length,
      lessons: tree.lessons.length,
      exercises: tree.exercises.length,
      errors,
      warnings: sorted.length - errors,
    },
  };
}

/** "2 errors, 1 warning in 1 track, 7 lessons and 6 exercises" */
export function summarize(report: LintReport): string {
  const n = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
  const { tracks, lessons, exercises, errors, warnings } = report.counts;
  return `${n(errors, 'error')}, ${n(warnings, 'warning')} in ${n(tracks, 'track')}, ${n(lessons, 'lesson')} and ${n(exercises, 'exercise')}`;
}
