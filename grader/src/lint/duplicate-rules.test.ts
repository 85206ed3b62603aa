import { describe, expect, test } from 'vitest';
import { lintFixture } from '../../test/lint-fixtures/lint-fixture.ts';

describe('duplicate rules', () => {
  test('reports reused slugs across tracks and reused order numbers within a track', () => {
    expect(lintFixture('duplicates')).toMatchInlineSnapshot(`
      "content/00-basics/01-wrap-up.mdx — number 01 is also used by content/00-basics/01-hello.mdx, so their order is undefined — renumber one of them (the next free number in content/00-basics/ is 03)
      content/00-more — number 00 is also used by content/00-basics, so their order is undefined — renumber one of them (the next free number in content/ is 02)
      content/01-more — track slug "more" is also used by content/00-more; tracks share one URL space (/learn/<slug>/) — give one of them another slug (rename the folder and update references to it)
      content/01-more/01-next-steps.mdx — lesson slug "next-steps" is also used by content/00-basics/02-next-steps.mdx; lessons share one URL space (/learn/<track>/<slug>/) — give one of them another slug (rename the file and update references to it)
      content/01-more/01-next-steps.mdx:1 — warning: exercise "hello" (exercises/01-more/01-hello/exercise.yaml) belongs to this lesson, but the frontmatter has no "exercise" field, so the lesson page shows no link to it — add "exercise: hello" to the frontmatter
      exercises/01-more/01-hello — exercise slug "hello" is also used by exercises/00-basics/01-hello; exercises share one URL space (/exercises/<slug>/) — give one of them another slug (rename the folder and update references to it)"
    `);
  });
});
