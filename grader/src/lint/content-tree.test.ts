import { describe, expect, test } from 'vitest';
import { lintFixture } from '../../test/lint-fixtures/lint-fixture.ts';

describe('content tree', () => {
  test('reports badly named tracks, lessons and exercises, exercises without a track and lessons without frontmatter', () => {
    expect(lintFixture('names')).toMatchInlineSnapshot(`
      "content/00-basics/02-next-steps.mdx:1 — warning: exercise "lost" (exercises/00-basic/01-lost/exercise.yaml) belongs to this lesson, but the frontmatter has no "exercise" field, so the lesson page shows no link to it — add "exercise: lost" to the frontmatter
      content/00-basics/03-no-frontmatter.mdx:1 — the lesson has no frontmatter — start the file with a "---" block holding title, summary, objectives and estimatedMinutes (see AUTHORING.md)
      content/00-basics/intro.mdx — lesson file "intro.mdx" is not named NN-slug.mdx, so the site ignores it — rename it like "01-intro.mdx", or start the name with "_" if it is not a lesson
      content/basics-extra — track folder "basics-extra" is not named NN-slug, so the site ignores it — rename it like "01-basics-extra" (two digits, a hyphen, lowercase words joined by hyphens)
      exercises/00-basic — there is no track content/00-basic/ for these exercises — name the folder after a track (00-basics) or create the track with npm run new -- track 00-basic
      exercises/00-basics/Hello_Again — exercise folder "Hello_Again" is not named NN-slug, so the site ignores it — rename it like "01-hello-again""
    `);
  });

  test('reports the files an exercise must have and lacks', () => {
    expect(
      lintFixture(undefined, [
        'exercises/00-basics/01-hello/hints.md',
        'exercises/00-basics/01-hello/tests',
        'exercises/00-basics/01-hello/solution',
      ]),
    ).toMatchInlineSnapshot(`
      "exercises/00-basics/01-hello/hints.md — this file is missing — create it with one "## 1. …" heading per task
      exercises/00-basics/01-hello/solution/ — this folder is missing — create the folder with the editable files (app.js)
      exercises/00-basics/01-hello/tests/ — this folder is missing — add tests/<name>.test.js with a describe('1. …') block per task"
    `);
  });
});
