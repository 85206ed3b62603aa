/**
 * `npm run mutate [-- <exercise-dir>… | --changed[=<git-ref>]]`: mutation-tests each exercise's
 * solution against its tests (all under exercises/ when none is given) and prints the score and
 * every mutant no test noticed. Exits 1 when an exercise has a survivor exercise.yaml does not accept.
 */
import { resolve } from 'node:path';
import {
  acceptHint,
  changedPaths,
  defaultBase,
  exercisesRoot,
  exercisesTouchedBy,
  findExercises,
  formatMutationReport,
  formatSeconds,
  loadExercise,
  mutateExercise,
} from '../src/index.ts';
import type { MutantOutcome } from '../src/index.ts';
import { runCommand } from './cli-helpers.ts';

/** Test-runner processes in all (override with KITCHEN_MUTATE_CONCURRENCY=1 on a busy machine). */
const CONCURRENCY = Math.max(1, Number(process.env.KITCHEN_MUTATE_CONCURRENCY) || 2);

runCommand('mutate', async () => {
  const args = process.argv.slice(2);
  const changed = args.find((arg) => arg === '--changed' || arg.startsWith('--changed='));
  const unknown = args.find((arg) => arg.startsWith('-') && arg !== changed);
  if (unknown) throw new Error(`unknown option ${unknown}: use --changed[=<git-ref>] or exercise folders.`);
  const given = args.filter((arg) => !arg.startsWith('-'));
  let dirs = given.length > 0 ? given.map((dir) => resolve(dir)) : findExercises(exercisesRoot);
  if (changed) {
    const base = changed.includes('=') ? changed.slice('--changed='.length) : defaultBase();
    dirs = exercisesTouchedBy(changedPaths(base), dirs);
    const since = base ? `since ${base}` : 'in this repository';
    if (dirs.length === 0) {
      console.log(`No exercise's solution, tests or exercise.yaml changed ${since}: nothing to mutate.`);
      return 0;
    }
    console.log(`Changed ${since}: ${dirs.map((dir) => loadExercise(dir).slug).join(', ')}\n`);
  }
  if (dirs.length === 0) throw new Error(`no exercises found under ${exercisesRoot}`);

  const started = Date.now();
  // Several exercises share the processes out, one each; a lone exercise gets them all (unless its
  // app uses the database: then it runs one, see mutateExercise).
  const perExercise = dirs.length === 1 ? CONCURRENCY : 1;
  const survivors: MutantOutcome[] = [];
  const mutateOne = async (dir: string): Promise<{ ok: boolean; text: string }> => {
    try {
      const report = await mutateExercise(loadExercise(dir), { concurrency: perExercise });
      survivors.push(...report.summary.survivors);
      return { ok: report.ok, text: formatMutationReport(report) };
    } catch (error) {
      return { ok: false, text: `✗ ${dir}\n    ${error instanceof Error ? error.message : String(error)}` };
    }
  };
  // Reports are printed in the order of `dirs`, each once it is known.
  const pending = dirs.map(() => Promise.withResolvers<{ ok: boolean; text: string }>());
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < dirs.length) {
      const index = next++;
      pending[index]!.resolve(await mutateOne(dirs[index]!));
    }
  };
  const workers = Array.from({ length: Math.min(CONCURRENCY, dirs.length) }, () => worker());
  let failed = 0;
  for (const result of pending) {
    const { ok, text } = await result.promise;
    console.log(text);
    if (!ok) failed += 1;
  }
  await Promise.all(workers);
  console.log(
    `\n${dirs.length - failed} of ${dirs.length} exercises have no unaccepted surviving mutant (${formatSeconds(Date.now() - started)}).${failed ? ` ${failed} to fix.` : ''}`,
  );
  if (survivors.length > 0) console.log(`\n${acceptHint(survivors[0]!)}`);
  return failed === 0 ? 0 : 1;
});
