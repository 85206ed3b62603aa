import { describe, expect, test } from 'vitest';
import { lintFixture } from '../../test/lint-fixtures/lint-fixture.ts';

describe('lesson asset rules', () => {
  test('reports external images, scripts and embeds in lessons, but not inside code blocks or local images', () => {
    expect(lintFixture('assets')).toMatchInlineSnapshot(`
      "content/00-basics/02-next-steps.mdx:11 — loads an external image from https://example.com/diagram.png, which the cross-origin-isolated lesson page blocks (and which breaks offline) — save the image beside the lesson (e.g. content/<track>/images/name.png) and use a relative path, or draw it as an inline SVG in <Figure>
      content/00-basics/02-next-steps.mdx:13 — loads an external image from http://example.com/kitchen.jpg, which the cross-origin-isolated lesson page blocks (and which breaks offline) — save the image beside the lesson (e.g. content/<track>/images/name.png) and use a relative path, or draw it as an inline SVG in <Figure>
      content/00-basics/02-next-steps.mdx:15 — loads an external script from https://cdn.example.com/widget.js, which the cross-origin-isolated lesson page blocks (and which breaks offline) — remove it; interactive parts belong in a component under site/components/lesson/ (ask the site maintainers)
      content/00-basics/02-next-steps.mdx:17 — loads an external embedded page or media from //www.youtube.com/embed/abc, which the cross-origin-isolated lesson page blocks (and which breaks offline) — link to it with a normal [text](https://…) link instead of embedding it"
    `);
  });
});
