/**
 * `npm run verify [-- <exercise-dir>…]`: proves each exercise (all under exercises/ when none is
 * given): the solution passes, the starter fails every task, results are deterministic.
 *
 * `npm run verify:container` (`--container`) proves the same under what a WebContainer imposes that
 * this machine can reproduce: Node 22, SQLite 3.34, rolldown on its WASM binding, and no native addons
 * at all except sqlite3's in the exercises that use it (container-toolchain.ts).
 */
import { resolve } from 'node:path';
import { exercisesRoot, findExercises, loadExercise } from '../src/index.ts';
import { ensureContainerToolchain, type ContainerToolchain } from '../src/container-toolchain.ts';
import type { Exercise } from '../src/load-exercise.ts';
import { usesSqlite } from '../src/uses-sqlite.ts';
import { verifyExercise, type VerifyOptions } from '../src/verify-exercise.ts';
import { runCommand } from './cli-helpers.ts';

function containerOptions(toolchain: ContainerToolchain, exercise: Exercise): VerifyOptions {
  const nodeOptions = [
    '--disable-warning=ExperimentalWarning',
    ...(usesSqlite(exercise) ? [] : ['--no-addons']),
  ];
  return {
    nodeModules: toolchain.nodeModules,
    harness: {
      launch: (args) => ({ command: toolchain.node, args }),
      env: {
        NODE_OPTIONS: nodeOptions.join(' '),
        // Vite's bundler loads its WASM binding, as in a WebContainer, where native addons never load.
        NAPI_RS_FORCE_WASI: 'true',
        NODE_PATH: toolchain.wasiModules,
      },
    },
  };
}

/** Exercises verified at the same time (override with KITCHEN_VERIFY_CONCURRENCY=1 to debug). */
const CONCURRENCY = Math.max(1, Number(process.env.KITCHEN_VERIFY_CONCURRENCY) || 2);

runCommand('verify', async () => {
  const container = process.argv.includes('--container');
  const given = process.argv.slice(2).filter((arg) => arg !== '--container');
  let toolchain: ContainerToolchain | undefined;
  if (container) {
    toolchain = ensureContainerToolchain(undefined, (line) => console.log(line));
    console.log(
      `Container mode: Node ${toolchain.nodeVersion}, SQLite ${toolchain.sqliteVersion}, rolldown on WASM, no native addons except sqlite3 where an exercise uses it.\n`,
    );
  }
  const dirs = given.length > 0 ? given.map((dir) => resolve(dir)) : findExercises(exercisesRoot);
  if (dirs.length === 0) throw new Error(`no exercises found under ${exercisesRoot}`);
  const started = Date.now();
  let failed = 0;
  const verifyOne = async (dir: string): Promise<{ ok: boolean; text: string }> => {
    try {
      const exercise = loadExercise(dir);
      const report = await verifyExercise(exercise, toolchain ? containerOptions(toolchain, exercise) : {});
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
