import { describe, expect, test } from 'vitest';
import { lintFixture } from '../../test/lint-fixtures/lint-fixture.ts';

describe('task rules', () => {
  test('reports tasks without a heading, hints or tests, and headings or tests for tasks that do not exist', () => {
    expect(lintFixture('tasks')).toMatchInlineSnapshot(`
      "exercises/00-basics/01-hello/exercise.yaml:8 — task "2" (Greet by name) has no heading in instructions.md — add "## 2. Greet by name" to instructions.md with what the learner must build, or remove the task
      exercises/00-basics/01-hello/exercise.yaml:8 — task "2" (Greet by name) has no hints in hints.md (the heading is there but empty) — add "## 2. Greet by name" to hints.md with one or two nudges, general to specific, or remove the task
      exercises/00-basics/01-hello/exercise.yaml:10 — task "4" (Say goodbye) has no heading in instructions.md — add "## 4. Say goodbye" to instructions.md with what the learner must build, or remove the task
      exercises/00-basics/01-hello/exercise.yaml:10 — task "4" (Say goodbye) has no hints in hints.md — add "## 4. Say goodbye" to hints.md with one or two nudges, general to specific, or remove the task
      exercises/00-basics/01-hello/exercise.yaml:10 — task "4" (Say goodbye) has no tests — add describe('4. Say goodbye', …) with at least one test in tests/, or remove the task
      exercises/00-basics/01-hello/exercise.yaml:10 — task 3 has id "4"; ids must be "1", "2", … in order — set its id to "3" (and renumber its heading, hint and describe block to match)
      exercises/00-basics/01-hello/hints.md:7 — task "1" has a second "## 1." heading (the first is on line 1) — merge the two sections or renumber this one
      exercises/00-basics/01-hello/instructions.md:1 — warning: heading "# Hello, kitchen" repeats a title the exercise page already shows — remove it; start with an introduction or the first "## 1. …" task
      exercises/00-basics/01-hello/instructions.md:7 — heading "## 2 Greet by name" looks like a task heading but is not in the form "## N. Title" — write it as "## 2. Greet by name"
      exercises/00-basics/01-hello/instructions.md:11 — heading "## 5." is for task "5", which exercise.yaml does not list (tasks: 1, 2, 4) — add task "5" to exercise.yaml, or renumber or remove this section
      exercises/00-basics/01-hello/tests/hello.test.js:10 — describe.only makes the grader skip every other test — change it back to describe(
      exercises/00-basics/01-hello/tests/hello.test.js:16 — describe('7. …') is for task "7", which exercise.yaml does not list (tasks: 1, 2, 4) — add task "7" to exercise.yaml, or renumber or remove this block"
    `);
  });
});
