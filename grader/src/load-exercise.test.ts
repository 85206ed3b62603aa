import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { loadExercise } from './load-exercise.ts';
import { findExerciseBySlug, findExercises } from './find-exercises.ts';
import { exercisesRoot, repoRoot } from './paths.ts';

const made: string[] = [];
afterEach(() => made.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function exerciseWith(yaml: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'grader-load-'));
  made.push(dir);
  writeFileSync(join(dir, 'exercise.yaml'), yaml);
  return dir;
}

const valid = 'title: First\nlesson: your-first-server\ndifficulty: beginner\nestimatedMinutes: 5\n';

test('loads first-server with its slug, one task and the default limits', () => {
  const exercise = loadExercise(join(repoRoot, 'exercises/00-how-the-back-end-works/01-first-server'));
  expect(exercise.slug).toBe('first-server');
  expect(exercise.meta.tasks).toEqual([{ id: '1', title: 'Answer GET /health' }]);
  expect(exercise.meta.limits).toEqual({ timeoutMs: 10000, outputBytes: 65536 });
});

test('names the file, the field, the fix and what it got when a task id is not a number', () => {
  const dir = exerciseWith(`${valid}tasks:\n  - id: one\n    title: Answer GET /health\n`);
  expect(() => loadExercise(dir)).toThrow(
    /exercise\.yaml: tasks\[0\]\.id task ids must be "1", "2", … in order \(quoted strings\): got "one"$/,
  );
});

test('rejects task ids that skip a number, saying which one was expected', () => {
  const dir = exerciseWith(`${valid}tasks:\n  - id: "2"\n    title: Answer GET /health\n`);
  expect(() => loadExercise(dir)).toThrow(/tasks\[0\]\.id must be "1" .*: got "2"/);
});

test('says the exercise.yaml is missing when the folder has none', () => {
  const dir = mkdtempSync(join(tmpdir(), 'grader-load-'));
  made.push(dir);
  expect(() => loadExercise(dir)).toThrow(/exercise\.yaml: not found/);
});

test('finds every exercise folder but never _template, and finds one by slug', () => {
  const dirs = findExercises(exercisesRoot);
  expect(dirs.some((dir) => dir.endsWith('01-first-server'))).toBe(true);
  expect(dirs.some((dir) => dir.includes('_template'))).toBe(false);
  expect(findExerciseBySlug(exercisesRoot, 'first-server').meta.title).toBe('Your first server');
});
