import { describe, expect, test } from 'vitest';
import { lintFixture } from '../../test/lint-fixtures/lint-fixture.ts';

describe('reference rules', () => {
  test('reports a lesson naming a missing exercise, an exercise naming a missing lesson, and pairs that disagree', () => {
    expect(lintFixture('references')).toMatchInlineSnapshot(`
      "content/00-basics/01-hello.mdx:7 — frontmatter "exercise: helo" names an exercise that does not exist (did you mean "hello"?) — correct the slug, or create it with: npm run new -- exercise 00-basics helo
      content/00-basics/02-next-steps.mdx:1 — warning: exercise "again" (exercises/00-basics/03-again/exercise.yaml) belongs to this lesson, but the frontmatter has no "exercise" field, so the lesson page shows no link to it — add "exercise: again" to the frontmatter
      exercises/00-basics/01-hello/exercise.yaml:2 — "lesson: hello" names a lesson whose frontmatter says "exercise: helo", not "hello" — make them agree: set "exercise: hello" in content/00-basics/01-hello.mdx, or point "lesson:" at the right lesson
      exercises/00-basics/02-goodbye/exercise.yaml:2 — "lesson: next-step" names a lesson that does not exist (did you mean "next-steps"?) — correct the slug, or create the lesson with: npm run new -- lesson 00-basics next-step"
    `);
  });
});
