/**
 * `npm run new -- lesson <track> <slug>` · `npm run new -- exercise <track> <slug> [--lesson <slug>]` ·
 * `npm run new -- track <NN-slug>`: scaffolds from grader/templates/ and prints what to edit next.
 */
import { parseArgs } from 'node:util';
import {
  formatResult,
  scaffoldExercise,
  scaffoldLesson,
  scaffoldTrack,
  ScaffoldError,
} from '../src/scaffold/index.ts';

const USAGE = `Usage:
  npm run new -- lesson <track> <lesson-slug> [--title "Title"]
  npm run new -- exercise <track> <exercise-slug> [--lesson <lesson-slug>] [--title "Title"]
  npm run new -- track <NN-track-slug> [--title "Title"]
<track> is a folder in content/ (e.g. 00-how-the-back-end-works) or its slug (how-the-back-end-works).`;

try {
  const { values, positionals } = parseArgs({
    args: process.argv.slice(2),
    allowPositionals: true,
    options: { lesson: { type: 'string' }, title: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  const [kind, first, second, ...extra] = positionals;
  const root = process.cwd();
  if (values.help || !kind) {
    console.log(USAGE);
    process.exitCode = values.help ? 0 : 1;
  } else {
    if (extra.length > 0) throw new ScaffoldError('USAGE', `unexpected "${extra.join(' ')}".\n${USAGE}`);
    const result =
      kind === 'lesson'
        ? scaffoldLesson(root, first, second, { title: values.title })
        : kind === 'exercise'
          ? scaffoldExercise(root, first, second, { title: values.title, lesson: values.lesson })
          : kind === 'track'
            ? scaffoldTrack(root, first, { title: values.title })
            : undefined;
    if (!result)
      throw new ScaffoldError('USAGE', `unknown kind "${kind}": use lesson, exercise or track.\n${USAGE}`);
    console.log(formatResult(result));
  }
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`new: ${message}`);
  process.exitCode =
    error instanceof ScaffoldError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS') ? 1 : 2;
}
