/**
 * Mutation testing of one exercise: StrykerJS changes the reference solution in small ways (`>=` to
 * `>`, a string to "", a block emptied) and runs the exercise's tests on each change. A change no test
 * notices is a promise of the instructions that no test checks. The solution is put in a prepared
 * workspace as the learner's files, exactly as `npm run verify` grades it, and StrykerJS runs the
 * template's vitest.config.js there, with one setup file added (the harness is not involved).
 */
import { fork } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { listFiles } from '../../exercises/_template/grading/files.js';
import type { Exercise } from './load-exercise.ts';
import { prepareWorkspace } from './prepare-workspace.ts';
import { GraderError } from './errors.ts';
import { displayPath } from './paths.ts';
import { summarizeMutants } from './mutation-results.ts';
import type { MutantOutcome, MutantStatus, MutationSummary } from './mutation-results.ts';
import type { ChildAnswer, ChildMutant, StrykerOptions } from './stryker-child.ts';

export interface MutateOptions {
  /**
   * Test-runner processes StrykerJS may start for this exercise. An exercise whose app uses the
   * database always gets one: the runners would share the workspace's .kitchen/ folder, where each
   * test file deletes the database files of the ones before it.
   */
  concurrency?: number;
  /** Time a mutant's run may take beyond the solution's before it counts as timed out (= killed). */
  timeoutMs?: number;
}

export interface MutationReport {
  slug: string;
  dir: string;
  /** True when every undetected mutant is accepted and every accepted entry still matches one. */
  ok: boolean;
  /** Sentences naming the file and the fix, for accepted entries that match nothing. */
  problems: string[];
  mutants: MutantOutcome[];
  summary: MutationSummary;
  /** The test-runner processes StrykerJS used. */
  workers: number;
  durationMs: number;
}

/** A mutant run's time beyond the solution's run before StrykerJS calls it a timeout. */
export const DEFAULT_MUTANT_TIMEOUT_MS = 3000;

const STRYKER_FILES = fileURLToPath(new URL('./stryker-files/', import.meta.url));
const CHILD = fileURLToPath(new URL('./stryker-child.ts', import.meta.url));
const OUTPUT_KEPT = 4000;

export async function mutateExercise(
  exercise: Exercise,
  options: MutateOptions = {},
): Promise<MutationReport> {
  const started = Date.now();
  const where = displayPath(exercise.dir);
  const files = exercise.meta.files.editable.filter((file) => /\.[cm]?js$/.test(file));
  for (const file of files) {
    if (!existsSync(join(exercise.solutionDir, file))) {
      throw new GraderError(
        'EXERCISE_INVALID',
        `${where}/solution/${file} is missing: every editable file must exist in solution/.`,
      );
    }
  }
  const workers = usesDatabase(exercise) ? 1 : Math.max(1, options.concurrency ?? 1);
  const workspace = prepareWorkspace(exercise, { learnerDir: exercise.solutionDir });
  for (const file of readdirSync(STRYKER_FILES)) cpSync(join(STRYKER_FILES, file), join(workspace.dir, file));
  let results: ChildMutant[];
  try {
    results = await runStryker(
      workspace.dir,
      strykerOptions(files, workers, options.timeoutMs ?? DEFAULT_MUTANT_TIMEOUT_MS),
      where,
    );
  } finally {
    workspace.remove();
  }
  const sources = new Map(
    files.map((file) => [file, readFileSync(join(exercise.solutionDir, file), 'utf8')]),
  );
  const mutants = results.map((result) => toOutcome(result, workspace.dir, sources));
  const accepted = exercise.meta.mutation?.acceptedSurvivors ?? [];
  const summary = summarizeMutants(mutants, accepted);
  const problems = summary.stale.map(
    ({ entry, index }) =>
      `${where}/exercise.yaml: mutation.acceptedSurvivors[${index}] (${entry.file}:${entry.line} ${entry.mutator}) matches no surviving mutant: a test kills it now, or the line moved. Remove the entry or fix its line.`,
  );
  return {
    slug: exercise.slug,
    dir: exercise.dir,
    ok: summary.survivors.length === 0 && problems.length === 0,
    problems,
    mutants,
    summary,
    workers,
    durationMs: Date.now() - started,
  };
}

/** The StrykerJS options for a workspace whose editable files are `files`. */
export function strykerOptions(files: string[], workers: number, timeoutMs: number): StrykerOptions {
  return {
    testRunner: 'vitest',
    plugins: ['@stryker-mutator/vitest-runner'],
    // The template's config plus a setup file that makes every test run against every mutant the
    // tests reach (see stryker-files/). `related: false`: the tests reach app.js through
    // grading/http.js's dynamic import, which Vitest's related-files search cannot follow. Forks, as
    // in the template: setup.js expects them.
    vitest: { configFile: 'vitest.mutation.config.js', related: false, pool: 'forks' },
    mutate: files,
    concurrency: workers,
    timeoutMS: timeoutMs,
    dryRunTimeoutMinutes: 2,
    reporters: [],
    logLevel: logLevel('error'),
    fileLogLevel: logLevel('off'),
    allowConsoleColors: false,
    cleanTempDir: 'always',
  };
}

/** StrykerJS types its log levels as a const enum, which type stripping cannot import. */
function logLevel(name: 'error' | 'off'): NonNullable<StrykerOptions['logLevel']> {
  return name as unknown as NonNullable<StrykerOptions['logLevel']>;
}

/** Whether the exercise's app or tests use the SQLite file of the check. */
export function usesDatabase(exercise: Exercise): boolean {
  const mentions = (dir: string, pattern: RegExp): boolean =>
    listFiles(dir).some((file) => /\.[cm]?js$/.test(file) && pattern.test(readFileSync(join(dir, file), 'utf8')));
  return (
    mentions(exercise.testsDir, /grading\/db\.js/) || mentions(exercise.solutionDir, /DATABASE_FILE|sqlite/)
  );
}

function runStryker(cwd: string, options: StrykerOptions, where: string): Promise<ChildMutant[]> {
  return new Promise((resolve, reject) => {
    const child = fork(CHILD, [], { cwd, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
    let output = '';
    const keep = (chunk: Buffer): void => {
      output = (output + chunk.toString('utf8')).slice(-OUTPUT_KEPT);
    };
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    let answer: ChildAnswer | undefined;
    child.on('message', (message: ChildAnswer) => {
      answer = message;
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (answer?.type === 'results') return resolve(answer.results);
      const cause =
        answer?.type === 'error' ? answer.message : `it stopped (${signal ?? `exit code ${code}`})`;
      const shown = output.split(cwd).join('<workspace>').trim();
      reject(
        new GraderError(
          'MUTATION_FAILED',
          `${where}: StrykerJS could not test the solution: ${cause}${shown ? `\n${shown}` : ''}\nRun \`npm run verify -- ${where}\` first: the solution must pass every test.`,
        ),
      );
    });
    child.send(options);
  });
}

function toOutcome(result: ChildMutant, workspaceDir: string, sources: Map<string, string>): MutantOutcome {
  const file = relative(workspaceDir, result.fileName).split(sep).join('/');
  const { start, end } = result.location;
  return {
    file,
    line: start.line,
    column: start.column,
    mutator: result.mutatorName,
    original: sliceSource(sources.get(file) ?? '', start, end),
    replacement: result.replacement,
    status: result.status as MutantStatus,
  };
}

/** The text between two 1-based positions (the end is exclusive), as StrykerJS reports them. */
export function sliceSource(
  source: string,
  start: { line: number; column: number },
  end: { line: number; column: number },
): string {
  const lineStarts = [0];
  for (let i = 0; i < source.length; i++) if (source[i] === '\n') lineStarts.push(i + 1);
  const offset = (position: { line: number; column: number }): number =>
    (lineStarts[position.line - 1] ?? source.length) + position.column - 1;
  return source.slice(offset(start), offset(end));
}
