import { describe, expect, test } from 'vitest';
import { lintFixture } from '../../test/lint-fixtures/lint-fixture.ts';

describe('link rules', () => {
  test('reports internal links to tracks, lessons, exercises and files that do not exist', () => {
    expect(lintFixture('links')).toMatchInlineSnapshot(`
      "content/00-basics/02-next-steps.mdx:12 — link to /learn/advanced/hello/ names track "advanced", which does not exist — use a track slug: the track folder name without its number
      content/00-basics/02-next-steps.mdx:13 — link to /learn/basics/helo/ names lesson "helo", which is not in track "basics" (did you mean "hello"?) — use a lesson slug: the file name without its number and .mdx
      content/00-basics/02-next-steps.mdx:14 — link to /exercises/goodby/ names exercise "goodby", which does not exist — use an exercise slug: the exercise folder name without its number
      content/00-basics/02-next-steps.mdx:15 — link "./01-hello.mdx" points at a lesson's source file, which is not a page on the site — link to /learn/basics/hello/
      content/00-basics/02-next-steps.mdx:16 — link "./images/missing.png" leads to content/00-basics/images/missing.png, which does not exist — correct the path (relative to the lesson file), or use a site path such as /learn/<track>/<lesson>/
      content/00-basics/02-next-steps.mdx:17 — link to /learn/basics/hello/extra/ goes deeper than a lesson page — link to /learn/basics/hello/
      content/00-basics/02-next-steps.mdx:20 — <ExerciseCard slug="hello-world"> names an exercise that does not exist — use the slug of an exercise folder without its number, e.g. "first-server"
      exercises/00-basics/01-hello/instructions.md:7 — link to /learn/basics/hello-there/ names lesson "hello-there", which is not in track "basics" — use a lesson slug: the file name without its number and .mdx
      exercises/00-basics/01-hello/instructions.md:7 — relative link "../02-menu/" depends on the page's URL — use a site path such as /learn/<track>/<lesson>/ or /exercises/<slug>/"
    `);
  });
});
