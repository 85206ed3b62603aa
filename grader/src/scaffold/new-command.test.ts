import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { removeRepo, run, tempRepo } from './temp-repo.ts';

const NEW = 'grader/cli/new.ts';
const LINT = 'grader/cli/lint-content.ts';

describe('npm run new (in a copy of the known-good fixture repo)', () => {
  let root: string;
  beforeEach(() => {
    root = tempRepo('fixture');
  });
  afterEach(() => removeRepo(root));

  test('scaffolds a lesson numbered after the last one, and the content still lints clean', () => {
    const lesson = run(root, NEW, 'lesson', 'basics', 'tasting-menu');
    expect(lesson.status).toBe(0);
    expect(lesson.stdout).toMatchInlineSnapshot(`
      "Created lesson "Tasting menu" at content/00-basics/03-tasting-menu.mdx (page /learn/basics/tasting-menu/).

      Edit next:
        content/00-basics/03-tasting-menu.mdx  title, summary, objectives and estimatedMinutes in the frontmatter, then the body

      Then run:
        npm run dev                                        preview it at http://localhost:4321/learn/basics/tasting-menu/ (reloads as you save)
        npm run lint:content                               check frontmatter, links and names
        npm run new -- exercise 00-basics <exercise-slug>  add its exercise (linked to this lesson)

      AUTHORING.md explains each file, the components and the test helpers.
      "
    `);
    const text = readFileSync(path.join(root, 'content/00-basics/03-tasting-menu.mdx'), 'utf8');
    expect(text).toMatch(/^---\ntitle: Tasting menu\n/);
    const lint = run(root, LINT);
    expect(lint.stdout).toBe('lint:content: 0 errors, 0 warnings in 1 track, 3 lessons and 1 exercise\n');
    expect(lint.status).toBe(0);
  });

  test('scaffolds an exercise for the newest lesson, links the two, and the content still lints clean', () => {
    run(root, NEW, 'lesson', '00-basics', 'tasting-menu');
    const exercise = run(root, NEW, 'exercise', '00-basics', 'tasting');
    expect(exercise.status).toBe(0);
    expect(exercise.stdout).toMatchInlineSnapshot(`
      "Created exercise "Tasting" at exercises/00-basics/02-tasting/ (page /exercises/tasting/), for lesson "tasting-menu".
      Also changed content/00-basics/03-tasting-menu.mdx: added "exercise: tasting" to the frontmatter

      Edit next:
        exercises/00-basics/02-tasting/exercise.yaml          title, difficulty, estimatedMinutes; one entry per task
        exercises/00-basics/02-tasting/instructions.md        one "## N. Task title" section per task
        exercises/00-basics/02-tasting/hints.md               one "## N. Task title" section per task: nudges, never the answer
        exercises/00-basics/02-tasting/tests/tasting.test.js  one describe('N. Task title') block per task
        exercises/00-basics/02-tasting/starter/app.js         what the learner starts from: must fail every task
        exercises/00-basics/02-tasting/solution/app.js        the reference app: must pass every test

      Then run:
        npm run verify -- exercises/00-basics/02-tasting  prove the tests pass on solution/ and fail on starter/
        npm run lint:content                              check tasks, headings, hints, tests and names agree
        npm run dev                                       try it at http://localhost:4321/exercises/tasting/ (add ?files=solution to load the solution)

      AUTHORING.md explains each file, the components and the test helpers.
      "
    `);
    expect(readFileSync(path.join(root, 'content/00-basics/03-tasting-menu.mdx'), 'utf8')).toContain(
      'exercise: tasting\n---\n',
    );
    expect(readFileSync(path.join(root, 'exercises/00-basics/02-tasting/exercise.yaml'), 'utf8')).toContain(
      'lesson: tasting-menu\n',
    );
    const lint = run(root, LINT);
    expect(lint.stdout).toBe('lint:content: 0 errors, 0 warnings in 1 track, 3 lessons and 2 exercises\n');
  });

  test(
    'the scaffolded exercise passes npm run verify: its solution passes and its starter fails',
    { timeout: 120_000 },
    () => {
      run(root, NEW, 'lesson', 'basics', 'tasting-menu');
      run(root, NEW, 'exercise', 'basics', 'tasting');
      const verify = run(root, 'grader/cli/verify.ts', 'exercises/00-basics/02-tasting');
      expect(verify.stdout).toMatch(/✓ tasting \(solution 2\/2 pass, starter 2\/2 fail/);
      expect(verify.status).toBe(0);
    },
  );

  test('scaffolds a track numbered after the last one', () => {
    const track = run(root, NEW, 'track', 'desserts');
    expect(track.status).toBe(0);
    expect(readFileSync(path.join(root, 'content/01-desserts/track.yaml'), 'utf8')).toMatch(
      /^title: Desserts\n/,
    );
    expect(run(root, LINT).status).toBe(0);
  });

  test('says what is wrong and what to type instead', () => {
    const errors = [
      ['lesson', 'basics', 'Tasting_Menu'],
      ['lesson', 'basics', '03-tasting-menu'],
      ['lesson', 'starters', 'soup'],
      ['lesson', 'basics', 'hello'],
      ['exercise', 'basics', 'hello'],
      ['exercise', 'basics', 'soup', '--lesson', 'hello'],
      ['exercise', 'basics', 'soup', '--lesson', 'nope'],
      ['exercise', 'basics', 'soup'],
      ['exercise', 'basics', 'stew'],
      ['track', '00-more'],
      ['dessert', 'basics', 'soup'],
    ].map((args) => {
      const result = run(root, NEW, ...args);
      return `${args.join(' ')} → ${result.status}: ${result.stderr.trim() || result.stdout.split('\n')[0]}`;
    });
    expect(errors.join('\n')).toMatchInlineSnapshot(`
      "lesson basics Tasting_Menu → 1: new: "Tasting_Menu" is not a valid lesson slug: use lowercase letters, digits and single hyphens, e.g. "tasting-menu".
      lesson basics 03-tasting-menu → 1: new: "03-tasting-menu" starts with a number. Give the lesson slug without it (e.g. "tasting-menu"); the number is chosen for you.
      lesson starters soup → 1: new: there is no track "starters" in content/ (tracks: 00-basics). Use a track folder name or slug, or create it first: npm run new -- track starters
      lesson basics hello → 1: new: lesson slug "hello" is already used by content/00-basics/01-hello.mdx; lesson slugs are unique across all tracks. Choose another slug.
      exercise basics hello → 1: new: exercise slug "hello" is already used by exercises/00-basics/01-hello; exercise slugs are unique across all tracks. Choose another slug.
      exercise basics soup --lesson hello → 1: new: lesson "hello" already has exercise "hello" (content/00-basics/01-hello.mdx). A lesson has one exercise: pick another lesson, or create one with npm run new -- lesson 00-basics <slug>.
      exercise basics soup --lesson nope → 1: new: there is no lesson "nope" (lessons in 00-basics: hello, next-steps).
      exercise basics soup → 0: Created exercise "Soup" at exercises/00-basics/02-soup/ (page /exercises/soup/), for lesson "next-steps".
      exercise basics stew → 1: new: an exercise belongs to a lesson, and the last lesson of 00-basics ("next-steps") already has one. Create the lesson first (npm run new -- lesson 00-basics <lesson-slug>), or pass --lesson <lesson-slug>.
      track 00-more → 1: new: number 00 is already used by content/00-basics. Use 01-more, or leave the number out.
      dessert basics soup → 1: new: unknown kind "dessert": use lesson, exercise or track.
      Usage:
        npm run new -- lesson <track> <lesson-slug> [--title "Title"]
        npm run new -- exercise <track> <exercise-slug> [--lesson <lesson-slug>] [--title "Title"]
        npm run new -- track <NN-track-slug> [--title "Title"]
      <track> is a folder in content/ (e.g. 00-how-the-back-end-works) or its slug (how-the-back-end-works)."
    `);
  });

  test('refuses to overwrite anything that is already there', () => {
    mkdirSync(path.join(root, 'exercises/00-basics'), { recursive: true });
    // A stray file where the next exercise folder would go is not an exercise, but it must survive.
    writeFileSync(path.join(root, 'exercises/00-basics/02-soup'), 'keep me');
    run(root, NEW, 'lesson', 'basics', 'soup-course');
    const result = run(root, NEW, 'exercise', 'basics', 'soup');
    expect(result.status).toBe(1);
    expect(result.stderr).toMatchInlineSnapshot(`
      "new: exercises/00-basics/02-soup already exists; nothing was written. Choose another slug or remove it first.
      "
    `);
    expect(readFileSync(path.join(root, 'exercises/00-basics/02-soup'), 'utf8')).toBe('keep me');
    expect(existsSync(path.join(root, 'exercises/00-basics/02-soup/exercise.yaml'))).toBe(false);
  });
});

describe('npm run new (in a copy of the real repo with the site)', () => {
  test('a scaffolded lesson and exercise build with Astro into their pages', { timeout: 240_000 }, () => {
    const root = tempRepo('real');
    try {
      const trackFolder = '00-how-the-back-end-works';
      expect(run(root, NEW, 'lesson', trackFolder, 'scaffold-check-lesson').status).toBe(0);
      expect(run(root, NEW, 'exercise', trackFolder, 'scaffold-check').status).toBe(0);
      const build = run(root, 'node_modules/astro/bin/astro.mjs', 'build');
      expect(build.status, build.stdout + build.stderr).toBe(0);
      expect(
        existsSync(path.join(root, 'dist/learn/how-the-back-end-works/scaffold-check-lesson/index.html')),
      ).toBe(true);
      expect(readFileSync(path.join(root, 'dist/exercises/scaffold-check/index.html'), 'utf8')).toContain(
        'Answer GET /hello',
      );
    } finally {
      removeRepo(root);
    }
  });
});
