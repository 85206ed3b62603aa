/**
 * `npm run grade -- <exercise-dir> [learner-dir] [--json]`: grades a folder (the starter when none is
 * given). Exit code 0 pass, 1 fail, 2 error.
 */
import { resolve } from 'node:path';
import { gradeWorkspace, loadExercise } from '../src/index.ts';
import { exitCodeFor, formatResults, runCommand } from './cli-helpers.ts';

const USAGE = 'usage: npm run grade -- <exercise-dir> [learner-dir] [--json]';

runCommand('grade', async () => {
  const args = process.argv.slice(2);
  const json = args.includes('--json');
  const [exerciseDir, learnerDir, extra] = args.filter((arg) => arg !== '--json');
  if (!exerciseDir || extra !== undefined) throw new Error(USAGE);
  const exercise = loadExercise(resolve(exerciseDir));
  const doc = await gradeWorkspace(exercise, learnerDir === undefined ? undefined : resolve(learnerDir));
  if (json) {
    console.log(JSON.stringify(doc, null, 2));
  } else {
    console.log(`${exercise.meta.title} — ${learnerDir ?? 'starter'}\n`);
    console.log(formatResults(doc));
  }
  return exitCodeFor(doc);
});
