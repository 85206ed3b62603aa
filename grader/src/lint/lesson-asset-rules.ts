/**
 * Rule family "assets": lessons load nothing from other sites. Pages are served cross-origin isolated
 * (COEP require-corp, which WebContainers need), so most third-party images, scripts and frames are
 * blocked there; they also break offline use and tell third parties who reads what.
 */
import type { ContentTree, LessonEntry } from './content-tree.ts';
import { blankCode } from './markdown-scan.ts';
import type { LintProblem } from './problem.ts';
import { lineIndex } from './text-position.ts';

const EXTERNAL = String.raw`(?:https?:)?\/\/[^"'\s)}>]+`;
const PATTERNS: { code: string; what: string; pattern: RegExp; fix: string }[] = [
  {
    code: 'EXTERNAL_IMAGE',
    what: 'image',
    pattern: new RegExp(
      String.raw`<img\b[^>]*?\bsrc\s*=\s*\{?\s*["'](${EXTERNAL})|!\[[^\]]*\]\(\s*<?(${EXTERNAL})`,
      'gi',
    ),
    fix: 'save the image beside the lesson (e.g. content/<track>/images/name.png) and use a relative path, or draw it as an inline SVG in <Figure>',
  },
  {
    code: 'EXTERNAL_SCRIPT',
    what: 'script',
    pattern: new RegExp(String.raw`<script\b[^>]*?\bsrc\s*=\s*\{?\s*["']?(${EXTERNAL})`, 'gi'),
    fix: 'remove it; interactive parts belong in a component under site/components/lesson/ (ask the site maintainers)',
  },
  {
    code: 'EXTERNAL_EMBED',
    what: 'embedded page or media',
    pattern: new RegExp(
      String.raw`<(?:iframe|video|audio|source|embed|object)\b[^>]*?\b(?:src|data)\s*=\s*\{?\s*["']?(${EXTERNAL})`,
      'gi',
    ),
    fix: 'link to it with a normal [text](https://…) link instead of embedding it',
  },
];

export function checkLessonAssets(tree: ContentTree): LintProblem[] {
  return tree.lessons.flatMap((lesson) => checkLesson(lesson));
}

function checkLesson(lesson: LessonEntry): LintProblem[] {
  const body = blankCode(lesson.body);
  const line = lineIndex(body);
  const problems: LintProblem[] = [];
  for (const { code, what, pattern, fix } of PATTERNS) {
    for (const match of body.matchAll(pattern)) {
      const url = match.slice(1).find(Boolean) ?? match[0];
      problems.push({
        code,
        severity: 'error',
        file: lesson.file,
        line: lesson.bodyLine + line(match.index) - 1,
        message: `loads an external ${what} from ${url}, which the cross-origin-isolated lesson page blocks (and which breaks offline)`,
        fix,
      });
    }
  }
  return problems;
}
