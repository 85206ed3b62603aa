/**
 * Rule family "links": internal links in lessons, instructions and hints must lead somewhere.
 * Site links are checked against the content (/learn/<track>/<lesson>/, /exercises/<slug>/,
 * <ExerciseCard slug>); relative links must name a file beside the lesson (an image, say).
 * External http(s) links are not fetched.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { ContentTree } from './content-tree.ts';
import { blankCode } from './markdown-scan.ts';
import type { LintProblem } from './problem.ts';
import { didYouMean, lineIndex } from './text-position.ts';

const LINK =
  /!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+["'][^"']*["'])?\s*\)|\b(?:href|src)\s*=\s*\{?\s*["']([^"']+)["']/g;
const CARD = /<ExerciseCard\b[^>]*?\bslug\s*=\s*\{?\s*["']([^"']+)["']/g;

export function checkLinks(tree: ContentTree): LintProblem[] {
  const problems: LintProblem[] = [];
  const site = siteMap(tree);
  for (const lesson of tree.lessons) {
    scan(lesson.file, lesson.body, lesson.bodyLine, path.posix.dirname(lesson.file));
  }
  for (const exercise of tree.exercises) {
    for (const doc of [exercise.instructions, exercise.hints])
      if (doc) scan(doc.file, doc.text, 1, undefined);
  }
  return problems;

  function scan(file: string, text: string, firstLine: number, fileDir: string | undefined) {
    const body = blankCode(text);
    const line = lineIndex(body);
    const report = (index: number, message: string, fix: string) =>
      problems.push({
        code: 'BROKEN_LINK',
        severity: 'error',
        file,
        line: firstLine + line(index) - 1,
        message,
        fix,
      });

    for (const match of body.matchAll(LINK)) {
      const target = (match[1] ?? match[2])!;
      if (/^(?:[a-z][a-z0-9+.-]*:|\/\/|#)/i.test(target)) continue; // External, mailto:, or same-page anchor.
      const bare = target.replace(/[?#].*$/, '');
      if (bare.startsWith('/')) {
        const problem = checkSitePath(site, bare);
        if (problem) report(match.index, `link to ${target} ${problem.what}`, problem.fix);
        continue;
      }
      if (fileDir === undefined) {
        report(
          match.index,
          `relative link "${target}" depends on the page's URL`,
          'use a site path such as /learn/<track>/<lesson>/ or /exercises/<slug>/',
        );
        continue;
      }
      const resolved = path.posix.normalize(path.posix.join(fileDir, decodeURI(bare)));
      if (/\.mdx?$/.test(bare) && !match[0].startsWith('!')) {
        const lesson = tree.lessons.find((entry) => entry.file === resolved);
        report(
          match.index,
          `link "${target}" points at a lesson's source file, which is not a page on the site`,
          lesson
            ? `link to /learn/${lesson.track.slug}/${lesson.slug}/`
            : 'link to the page as /learn/<track>/<lesson>/',
        );
      } else if (!existsSync(path.join(tree.root, resolved))) {
        report(
          match.index,
          `link "${target}" leads to ${resolved}, which does not exist`,
          'correct the path (relative to the lesson file), or use a site path such as /learn/<track>/<lesson>/',
        );
      }
    }
    for (const match of body.matchAll(CARD)) {
      const slug = match[1]!;
      if (site.exercises.has(slug)) continue;
      report(
        match.index,
        `<ExerciseCard slug="${slug}"> names an exercise that does not exist${didYouMean(slug, site.exercises)}`,
        'use the slug of an exercise folder without its number, e.g. "first-server"',
      );
    }
  }
}

interface SiteMap {
  tracks: Map<string, Set<string>>;
  exercises: Set<string>;
}

function siteMap(tree: ContentTree): SiteMap {
  const tracks = new Map<string, Set<string>>(tree.tracks.map((track) => [track.slug, new Set<string>()]));
  for (const lesson of tree.lessons) tracks.get(lesson.track.slug)?.add(lesson.slug);
  return { tracks, exercises: new Set(tree.exercises.map((exercise) => exercise.slug)) };
}

function checkSitePath(site: SiteMap, bare: string): { what: string; fix: string } | undefined {
  const [section, ...rest] = bare.split('/').filter(Boolean);
  if (section === 'learn') {
    const [track, lesson, ...extra] = rest;
    if (track === undefined) return undefined;
    const lessons = site.tracks.get(track);
    if (!lessons) {
      return {
        what: `names track "${track}", which does not exist${didYouMean(track, site.tracks.keys())}`,
        fix: 'use a track slug: the track folder name without its number',
      };
    }
    if (lesson === undefined) return undefined;
    if (!lessons.has(lesson)) {
      const elsewhere = [...site.tracks].find(([, slugs]) => slugs.has(lesson))?.[0];
      return elsewhere
        ? {
            what: `puts lesson "${lesson}" in track "${track}", but it is in track "${elsewhere}"`,
            fix: `link to /learn/${elsewhere}/${lesson}/`,
          }
        : {
            what: `names lesson "${lesson}", which is not in track "${track}"${didYouMean(lesson, lessons)}`,
            fix: 'use a lesson slug: the file name without its number and .mdx',
          };
    }
    if (extra.length > 0)
      return { what: 'goes deeper than a lesson page', fix: `link to /learn/${track}/${lesson}/` };
    return undefined;
  }
  if (section === 'exercises') {
    const [slug, ...extra] = rest;
    if (slug === undefined) return undefined;
    if (!site.exercises.has(slug)) {
      return {
        what: `names exercise "${slug}", which does not exist${didYouMean(slug, site.exercises)}`,
        fix: 'use an exercise slug: the exercise folder name without its number',
      };
    }
    if (extra.length > 0)
      return { what: 'goes deeper than an exercise page', fix: `link to /exercises/${slug}/` };
  }
  return undefined;
}
