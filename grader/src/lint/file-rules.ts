/**
 * Rule family "files": every file the learner may edit exists in starter/ (what they start from) and in
 * solution/ (what `npm run verify` and compareWithReference run), under the same path.
 */
import type { ContentTree } from './content-tree.ts';
import type { LintProblem } from './problem.ts';
import { exerciseEditable } from './raw-fields.ts';

export function checkEditableFiles(tree: ContentTree): LintProblem[] {
  const problems: LintProblem[] = [];
  for (const exercise of tree.exercises) {
    const editable = exerciseEditable(exercise);
    editable.forEach((file, index) => {
      for (const [side, files] of [
        ['starter', exercise.starterFiles],
        ['solution', exercise.solutionFiles],
      ] as const) {
        if (files === undefined || files.includes(file)) continue; // A missing folder is reported once, elsewhere.
        problems.push({
          code: 'EDITABLE_FILE_MISSING',
          severity: 'error',
          file: `${exercise.dir}/exercise.yaml`,
          line: exercise.yaml?.lineOf(['files', 'editable', index]),
          message: `editable file "${file}" is not in ${side}/`,
          fix: `add ${exercise.dir}/${side}/${file}, or remove it from files.editable`,
        });
      }
    });
  }
  return problems;
}
