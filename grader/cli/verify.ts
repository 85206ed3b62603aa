/**
 * `npm run verify [-- <exercise-dir>…]`: proves each exercise (all under exercises/ when none is
 * given): the solution passes, the starter fails every task, results are deterministic.
 */
import { resolve } from 'node:path';
import { exercisesRoot, findExercises, loadExercise, verifyExercise } from '../src/index.ts';
import { runCommand } from './cli-helpers.ts';

/** Exercises verified at the same time (override with KITCHEN_VERIFY_CONCURRENCY=1 to debug). */
const CONCURRENCY = Math.max(1, Number(process.env.KITCHEN_VERIFY_CONCURRENCY) || 2);

runCommand('verify', async () => {
  const given = process.argv.slice(2);
  const dirs = given.length > 0 ? given.map((dir) => resolve(dir)) : findExercises(exercisesRoot);
  if (dirs.length === 0) throw new Error(`no exercises found under ${exercisesRoot}`);
  const started = Date.now();
  let failed = 0;
  const verifyOne = async (dir: string): Promise<{ ok: boolean; text: string }> => {
    try {
      const report = await verifyExercise(loadExercise(dir));
      const seconds = (report.durationMs / 1000).toFixed(1);
      const counts = `solution ${report.solution.tests.filter((t) => t.status === 'pass').length}/${report.solution.tests.length} pass, starter ${report.starter.tests.filter((t) => t.status !== 'pass').length}/${report.starter.tests.length} fail`;
      const lines = [`${report.ok ? '✓' : '✗'} ${report.slug} (${counts}, ${seconds} s)`];
      for (const problem of report.problems) lines.push(`    ${problem.split('\n').join('\n    ')}`);
      return { ok: report.ok, text: lines.join('\n') };
    } catch (error) {
      return { ok: false, text: `✗ ${dir}\n    ${error instanceof Error ? error.message : String(error)}` };
    }
  };
  // Two exercises at a time: a check waits on process starts and pipes as much as on the CPU, so two
  // overlap well even on 2 cores. Reports are printed in the order of `dirs`, each once it is known.
  const pending = dirs.map(() => Promise.withResolvers<{ ok: boolean; text: string }>());
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < dirs.length) {
      const index = next++;
      pending[index]!.resolve(await verifyOne(dirs[index]!));
    }
  };
  const workers = Array.from({ length: Math.min(CONCURRENCY, dirs.length) }, () => worker());
  for (const result of pending) {
    const { ok, text } = await result.promise;
    console.log(text);
    if (!ok) failed += 1;
  }
  await Promise.all(workers);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(
    `\n${dirs.length - failed} of ${dirs.length} exercises verified in ${seconds} s.${failed ? ` ${failed} with problems.` : ''}`,
  );
  return failed === 0 ? 0 : 1;
});
