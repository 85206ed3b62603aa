import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildFixtureSite, type FixtureBuild } from './fixture-site.ts';

const track = 'title: Fixture track\nsummary: A track that exists only in this test.\n';

const plainLesson = `---
title: A plain lesson
summary: A lesson with callouts, a figure and steps, but no quiz.
objectives:
  - Read a lesson that ships no JavaScript
estimatedMinutes: 5
---
import { Callout, Figure, Steps } from '~/components/lesson';

## Words

<Callout type="kitchen">The kitchen is the back end.</Callout>

<Figure caption="A box" label="A single square"><svg viewBox="0 0 10 10"><rect width="10" height="10" fill="currentColor" /></svg></Figure>

<Steps>
1. One
2. Two
</Steps>

\`\`\`js
app.get('/health', (req, res) => res.json({ status: 'ok' }));
\`\`\`
`;

const quizLesson = `---
title: A lesson with a quiz
summary: A lesson that ends with a knowledge check.
objectives:
  - Answer a question
estimatedMinutes: 5
---
import { KnowledgeCheck } from '~/components/lesson';

<KnowledgeCheck questions={[{ question: 'Which half runs on the server?', options: [{ text: 'The back end', correct: true, explanation: 'It runs in the kitchen.' }, { text: 'The front end', explanation: 'That runs on your device.' }] }]} />
`;

/** Every <script> tag of a built page, with its attributes and body. */
function scripts(html: string): { attributes: string; body: string }[] {
  return [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)].map((m) => ({
    attributes: m[1]!,
    body: m[2]!,
  }));
}

describe('built lesson pages', () => {
  let site: FixtureBuild;
  const page = (slug: string) =>
    readFileSync(join(site.dir, 'dist/learn/fixture-track', slug, 'index.html'), 'utf8');

  beforeAll(() => {
    site = buildFixtureSite({
      'content/00-fixture-track/track.yaml': track,
      'content/00-fixture-track/01-plain.mdx': plainLesson,
      'content/00-fixture-track/02-with-quiz.mdx': quizLesson,
      'content/00-fixture-track/03-unfinished.mdx': plainLesson
        .replace('title: A plain lesson', 'title: An unfinished lesson')
        .replace('estimatedMinutes: 5', 'estimatedMinutes: 5\ndraft: true'),
    });
    if (!site.ok) throw new Error(`fixture build failed:\n${site.output}`);
  }, 120_000);
  afterAll(() => site?.remove());

  test('a lesson without a quiz ships only the theme script and the search loader', () => {
    const found = scripts(page('plain')).map((s) => s.attributes.trim());
    expect(found).toEqual(['data-kitchen="theme"', 'data-kitchen="search"']);
  });

  test('the always-loaded scripts stay under 2 KB together', () => {
    const bytes = scripts(page('plain')).reduce((sum, s) => sum + Buffer.byteLength(s.body), 0);
    expect(bytes).toBeLessThan(2048);
  });

  test('a lesson with a quiz adds exactly one module script, the quiz', () => {
    const extra = scripts(page('with-quiz')).filter((s) => !s.attributes.includes('data-kitchen'));
    expect(extra).toHaveLength(1);
    expect(extra[0]!.attributes).toContain('type="module"');
  });

  test('a draft lesson is left out of a production build, and out of the track page', () => {
    expect(existsSync(join(site.dir, 'dist/learn/fixture-track/unfinished'))).toBe(false);
    const track = readFileSync(join(site.dir, 'dist/learn/fixture-track/index.html'), 'utf8');
    expect(track).toContain('A plain lesson');
    expect(track).not.toContain('An unfinished lesson');
  });

  test('the lesson article is what Pagefind indexes', () => {
    expect(page('plain')).toContain('data-pagefind-body');
  });
});

describe('lesson frontmatter errors', () => {
  test('a bad lesson fails the build naming the file, the field and what was expected', () => {
    const site = buildFixtureSite({
      'content/00-fixture-track/track.yaml': track,
      'content/00-fixture-track/01-broken.mdx':
        '---\ntitle: Broken\nsummary: short\nobjectives: []\nestimatedMinutes: "ten"\n---\nHello\n',
    });
    try {
      expect(site.ok).toBe(false);
      expect(site.output).toContain('00-fixture-track/01-broken.mdx');
      expect(site.output).toContain('summary: expected one sentence of 10–200 characters');
      expect(site.output).toContain('objectives: expected 1–6 things the learner will be able to do');
      expect(site.output).toContain(
        'estimatedMinutes: expected a whole number of minutes without quotes, like 15',
      );
    } finally {
      site.remove();
    }
  }, 120_000);
});
