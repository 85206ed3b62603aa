/**
 * Golden fixtures: each folder under fixtures/<exercise-slug>/{pass,fail,error}/<cause>/ holds a
 * learner's app.js and the results document it must produce (expected.json, durations removed). A
 * `pass` fixture is a correct solution written another way; a `fail` fixture is one mistake, which
 * must fail exactly one task. Run with UPDATE_GOLDEN=1 to rewrite them after a deliberate change,
 * then read the diff.
 */
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createWarmGrader, gradeWorkspace, loadExercise, prepareWorkspace, repoRoot } from '../src/index.ts';
import { replaceLearnerFiles } from '../src/prepare-workspace.ts';
import { findExerciseBySlug } from '../src/find-exercises.ts';
import type { Exercise, ResultsDocument } from '../src/index.ts';

const fixtures = join(import.meta.dirname, 'fixtures');
const firstServer = loadExercise(join(repoRoot, 'exercises/00-how-the-back-end-works/01-first-server'));
const update = process.env.UPDATE_GOLDEN === '1';

// Workspaces go to a temp root of this test's own, so "nothing left behind" can be checked exactly
// while other processes on the machine use the shared temp folder.
const originalTmp = process.env.TMPDIR;
let scratch = '';
beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'grader-golden-'));
  process.env.TMPDIR = scratch;
});
afterAll(() => {
  process.env.TMPDIR = originalTmp;
  rmSync(scratch, { recursive: true, force: true });
});

function normalise(doc: ResultsDocument): ResultsDocument {
  const { durationMs: _duration, ...rest } = doc;
  return {
    ...rest,
    tests: rest.tests.map((test) =>
      test.output && test.output.length > 1000
        ? { ...test, output: `${test.output.slice(0, 200)}…[${test.output.length} characters]` }
        : // A request log's durations ("GET /menu 200 1.3ms") change from run to run.
          test.output
          ? { ...test, output: test.output.replace(/\b\d+(?:\.\d+)? ?ms\b/g, '<n>ms') }
          : test,
    ),
  };
}

/** Processes whose working directory is inside `root` (Linux /proc). */
function processesIn(root: string): string[] {
  const found: string[] = [];
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      if (readlinkSync(`/proc/${pid}/cwd`).startsWith(root)) found.push(pid);
    } catch {
      // The process ended or is not ours to inspect.
    }
  }
  return found;
}

async function gradeAndCompare(
  exercise: Exercise,
  learnerDir: string | undefined,
  expectedFile: string,
): Promise<ResultsDocument> {
  const doc = await gradeWorkspace(exercise, learnerDir);
  const text = JSON.stringify(doc);
  for (const machinePath of [repoRoot, scratch, homedir()]) expect(text).not.toContain(machinePath);
  expect(readdirSync(scratch)).toEqual([]);
  expect(processesIn(scratch)).toEqual([]);
  if (update || !existsSync(expectedFile))
    writeFileSync(expectedFile, `${JSON.stringify(normalise(doc), null, 2)}\n`);
  expect(normalise(doc)).toEqual(JSON.parse(readFileSync(expectedFile, 'utf8')));
  return doc;
}

const kinds = ['pass', 'fail', 'error'] as const;
/**
 * Every folder of fixtures/ named after an exercise: one that holds pass/, fail/ or error/ (others,
 * such as no-tests/, hold an exercise of their own for other tests).
 */
const slugs = readdirSync(fixtures, { withFileTypes: true })
  .filter(
    (entry) => entry.isDirectory() && kinds.some((kind) => existsSync(join(fixtures, entry.name, kind))),
  )
  .map((entry) => entry.name)
  .sort();
/** The cold path, one fresh harness process per fixture, with "nothing left behind" checked after each. */
function coldFixtures(slug: string, exercise: Exercise, kindsHere: readonly (typeof kinds)[number][]): void {
  for (const kind of kindsHere) {
    const root = join(fixtures, slug, kind);
    if (!existsSync(root)) continue;
    describe(`${slug}: learner code that should ${kind === 'error' ? 'be an error' : kind}`, () => {
      for (const cause of readdirSync(root).sort()) {
        test(`grades ${cause.replaceAll('-', ' ')} as ${kind}, as in its expected.json, leaving nothing behind`, async () => {
          const doc = await gradeAndCompare(exercise, join(root, cause), join(root, cause, 'expected.json'));
          checkKind(doc, kind);
        });
      }
    });
  }
}

function checkKind(doc: ResultsDocument, kind: (typeof kinds)[number], label?: string): void {
  expect(doc.status, label).toBe(kind);
  if (kind === 'error') expect(doc.code, label).toMatch(/^[A-Z_]+$/);
  // One mistake fails the one task it breaks: the others still pass.
  if (kind === 'fail')
    expect(
      doc.tasks.filter((task) => task.status === 'fail').map((task) => task.id),
      `${label ?? ''}: one mistake fails exactly one task`,
    ).toHaveLength(1);
}

/** At most this many exercises' warm graders check at once (the machine has 2 cores). */
const WARM_AT_ONCE = 2;
let warmRunning = 0;
const warmWaiting: Array<() => void> = [];
async function warmSlot<T>(work: () => Promise<T>): Promise<T> {
  while (warmRunning >= WARM_AT_ONCE) await new Promise<void>((resolve) => warmWaiting.push(resolve));
  warmRunning += 1;
  try {
    return await work();
  } finally {
    warmRunning -= 1;
    warmWaiting.shift()?.();
  }
}

/**
 * The warm path for an exercise's pass and fail fixtures: one harness (Vitest kept up) checks them
 * one after another in one workspace, as the local runner checks a learner's edits, which takes a
 * fraction of a cold start each. warm-fixtures.test.ts proves a warm check gives what a cold one does.
 */
function warmFixtures(slug: string, exercise: Exercise): void {
  const cases = (['pass', 'fail'] as const).flatMap((kind) => {
    const root = join(fixtures, slug, kind);
    return existsSync(root)
      ? readdirSync(root)
          .sort()
          .map((cause) => ({ kind, cause, dir: join(root, cause) }))
      : [];
  });
  if (cases.length === 0) return;
  test.concurrent(
    `${slug}: ${cases.length} correct and mistaken apps each give their expected.json (pass ones pass, each mistake fails one task)`,
    // Concurrent tests must use their own context's expect (the global one cannot tell them apart).
    async ({ expect }) => {
      await warmSlot(async () => {
        const workspace = prepareWorkspace(exercise, { learnerDir: exercise.solutionDir });
        const grader = createWarmGrader(workspace.dir, {
          timeoutMs: exercise.meta.limits.timeoutMs,
          outputBytes: exercise.meta.limits.outputBytes,
        });
        try {
          let previous = exercise.solutionDir;
          for (const { kind, cause, dir } of cases) {
            replaceLearnerFiles(workspace.dir, previous, dir);
            previous = dir;
            const doc = await grader.check();
            const label = `${slug}/${kind}/${cause}`;
            const text = JSON.stringify(doc);
            for (const machinePath of [repoRoot, scratch, homedir()])
              expect.soft(text, label).not.toContain(machinePath);
            const expectedFile = join(dir, 'expected.json');
            if (update || !existsSync(expectedFile))
              writeFileSync(expectedFile, `${JSON.stringify(normalise(doc), null, 2)}\n`);
            expect.soft(normalise(doc), label).toEqual(JSON.parse(readFileSync(expectedFile, 'utf8')));
            expect.soft(doc.status, label).toBe(kind);
            if (kind === 'fail')
              expect
                .soft(
                  doc.tasks.filter((task) => task.status === 'fail').map((task) => task.id),
                  `${label}: one mistake fails exactly one task`,
                )
                .toHaveLength(1);
          }
        } finally {
          await grader.close();
          workspace.remove();
        }
      });
    },
    600_000,
  );
}

for (const slug of slugs) {
  const exercise = findExerciseBySlug(join(repoRoot, 'exercises'), slug);
  // first-server's fixtures are the grader's own edge cases (endless loops, process.exit, megabytes of
  // output): each runs cold, and nothing may be left behind. Every exercise's error fixtures too.
  if (slug === 'first-server') coldFixtures(slug, exercise, kinds);
  else {
    coldFixtures(slug, exercise, ['error']);
    warmFixtures(slug, exercise);
  }
}

test('grades an exercise without tests as a failure with code NO_TESTS, never a pass', async () => {
  const exercise = loadExercise(join(fixtures, 'no-tests', 'exercise'));
  const doc = await gradeAndCompare(
    exercise,
    exercise.solutionDir,
    join(fixtures, 'no-tests', 'expected.json'),
  );
  expect(doc.status).toBe('fail');
  expect(doc.code).toBe('NO_TESTS');
});

test('names app.js and the line of a syntax error', async () => {
  const doc = await gradeWorkspace(firstServer, join(fixtures, 'first-server', 'error', 'syntax-error'));
  expect(doc.message).toContain('app.js:6');
});

test('fails only the tests that hit an endless loop in a handler, with a message that says so', async () => {
  const doc = await gradeWorkspace(
    firstServer,
    join(fixtures, 'first-server', 'fail', 'handler-infinite-loop'),
  );
  expect(doc.tests.find((t) => t.name === 'GET / still answers 200')?.status).toBe('pass');
  const health = doc.tests.filter((t) => t.name.startsWith('GET /health'));
  expect(
    health.every((t) => t.status === 'fail' && /stopped responding|endless loop/.test(t.message ?? '')),
  ).toBe(true);
});
