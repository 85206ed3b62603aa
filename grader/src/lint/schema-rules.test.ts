import { describe, expect, test } from 'vitest';
import { lintFixture } from '../../test/lint-fixtures/lint-fixture.ts';

describe('schema rules', () => {
  test('reports every frontmatter, track.yaml and exercise.yaml field that breaks the shared schemas, on its line', () => {
    expect(lintFixture('schema')).toMatchInlineSnapshot(`
      "content/00-basics/01-hello.mdx:2 — frontmatter "title" is "Hi", 2 characters long — make it at least 3 characters (title: the lesson title as shown in headings and links)
      content/00-basics/01-hello.mdx:2 — frontmatter has no "summary" — add "summary:" (summary: one sentence that says what the lesson teaches; shown on the track page)
      content/00-basics/01-hello.mdx:3 — frontmatter "objectives" has 0 item(s) — list at least 1 (objectives: what the learner will be able to do after the lesson, each finishing "You will be able to…")
      content/00-basics/01-hello.mdx:4 — frontmatter "estimatedMinutes" should be a number, got "10" — remove the quotes: estimatedMinutes: 10 (estimatedMinutes: reading time plus exercise time, in minutes)
      content/00-basics/01-hello.mdx:5 — frontmatter has an unknown field "exercize" (did you mean "exercise"?) — remove it or correct its name; allowed fields: title, summary, objectives, prerequisites, estimatedMinutes, exercise, draft
      content/00-basics/01-hello.mdx:6 — frontmatter "exercise" is "Hello_World", which is not allowed — use lowercase letters, digits and single hyphens, like "first-server"
      content/00-basics/track.yaml:1 — track.yaml has no "title" — add "title:" (title: the track title, e.g. "How the back end works")
      content/00-basics/track.yaml:1 — track.yaml has no "summary" — add "summary:" (summary: one or two sentences shown on the home page)
      content/00-basics/track.yaml:1 — track.yaml has an unknown field "titel" (did you mean "title"?) — remove it or correct its name; allowed fields: title, summary
      exercises/00-basics/01-hello/exercise.yaml:2 — "lesson: hello" names a lesson whose frontmatter says "exercise: Hello_World", not "hello" — make them agree: set "exercise: hello" in content/00-basics/01-hello.mdx, or point "lesson:" at the right lesson
      exercises/00-basics/01-hello/exercise.yaml:3 — exercise.yaml "difficulty" is "easy" — use one of "beginner", "intermediate", "advanced"
      exercises/00-basics/01-hello/exercise.yaml:12 — exercise.yaml "files.allowNewFiles" should be true or false, got "no" — write true or false (files.allowNewFiles: whether the learner may create files beside them)"
    `);
  });

  test('reports YAML syntax errors with their line and keeps linting', () => {
    expect(lintFixture('yaml-syntax')).toMatchInlineSnapshot(`
      "exercises/00-basics/01-hello/exercise.yaml:8 — the YAML cannot be read: All sequence items must start at the same column — fix the syntax (indent with spaces, quote values that contain ": " or start with a special character)
      exercises/00-basics/01-hello/exercise.yaml:9 — the YAML cannot be read: Sequence item without - indicator — fix the syntax (indent with spaces, quote values that contain ": " or start with a special character)"
    `);
  });
});
