import { readdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { createWarmGrader } from './warm-grader.ts';
import { loadExercise } from './load-exercise.ts';
import { prepareWorkspace } from './prepare-workspace.ts';
import { repoRoot } from './paths.ts';

function processesIn(root: string): string[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        return readlinkSync(`/proc/${pid}/cwd`).startsWith(root);
      } catch {
        return false;
      }
    });
}

test("a warm check sees the learner's latest app.js, and close leaves no process behind", async () => {
  const exercise = loadExercise(join(repoRoot, 'exercises/00-how-the-back-end-works/01-first-server'));
  const workspace = prepareWorkspace(exercise);
  const grader = createWarmGrader(workspace.dir);
  try {
    expect((await grader.check()).status).toBe('fail');
    writeFileSync(join(workspace.dir, 'app.js'), readFileSync(join(exercise.solutionDir, 'app.js')));
    expect((await grader.check()).status).toBe('pass');
    writeFileSync(join(workspace.dir, 'app.js'), 'export default 42;\n');
    expect((await grader.check()).code).toBe('WRONG_EXPORT');
  } finally {
    await grader.close();
    workspace.remove();
  }
  expect(processesIn(workspace.dir)).toEqual([]);
});
