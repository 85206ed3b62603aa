/**
 * `npm run verify [-- <exercise-dir>…]`: proves each exercise (all under exercises/ when none is
 * given): the solution passes, the starter fails every task, results are deterministic.
 */
import { resolve } from 'node:path';
import { exercisesRoot, findExercises, loadExercise, verifyExercise } from '../src/index.ts';
import { runCommand } from './cli-helpers.ts';

runCommand('verify', async () => {
  const given = process.argv.slice(2);
  const dirs = given.length > 0 ? given.map((dir) => resolve(dir)) : findExercises(exercisesRoot);
  if (dirs.length === 0) throw new Error(`no exercises found under ${exercisesRoot}`);
  const started = Date.now();
  let failed = 0;
  for (const dir of dirs) {
    try {
      const report = await verifyExercise(loadExercise(dir));
      const seconds = (report.durationMs / 1000).toFixed(1);
      const counts = `solution ${report.solution.tests.filter((t) => t.status === 'pass').length}/${report.solution.tests.length} pass, starter ${report.starter.tests.filter((t) => t.status !== 'pass').length}/${report.starter.tests.length} fail`;
      console.log(`${report.ok ? '✓' : '✗'} ${report.slug} (${counts}, ${seconds} s)`);
      for (const problem of report.problems) console.log(`    ${problem.split('\n').join('\n    ')}`);
      if (!report.ok) failed += 1;
    } catch (error) {
      failed += 1;
      console.log(`✗ ${dir}\n    ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`\n${dirs.length - failed} of ${dirs.length} exercises verified in ${seconds} s.${failed ? ` ${failed} with problems.` : ''}`);
  return failed === 0 ? 0 : 1;
});
