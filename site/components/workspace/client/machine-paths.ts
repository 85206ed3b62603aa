/**
 * Learners never see a machine path. Logs and Check are cleaned by the runner, which knows its own
 * folders; an answer in the Request tab is the app's own bytes (Express's error page prints the stack
 * trace in development), so the browser cleans it: a path into the workspace becomes the file's path
 * in the exercise ("app.js:11:11"), a path into node_modules starts at "node_modules/". URL paths such
 * as "/health" or "/api/users/1" are left alone.
 */

/** Files every exercise workspace holds besides the learner's (the runtime template). */
const TEMPLATE_FILES = ['server.js', 'package.json', 'harness.mjs', 'vitest.config.js', 'tests', 'grading'];

/** An absolute path, maybe a file URL: slash-separated segments without spaces, quotes or brackets. */
const ABSOLUTE_PATH = /(?:file:\/\/)?(?:\/[^\s/\\<>"'`()[\]{}:;,]+)+\/?/g;

/**
 * Not grading/paths.js's shortenPaths: the page does not know the machine's folders (nor can it read
 * them), so it recognises a workspace path by the exercise's own file names.
 * Replaces machine paths in `text` with paths relative to the exercise. `knownFiles` are the
 * workspace's files (e.g. "app.js", "routes/menu.js", "tests/menu.test.js").
 */
export function cleanMachinePaths(text: string, knownFiles: readonly string[]): string {
  const roots = new Set([...TEMPLATE_FILES, ...knownFiles.map((path) => path.split('/')[0]!)]);
  return text.replace(ABSOLUTE_PATH, (match) => {
    const isFileUrl = match.startsWith('file://');
    const segments = match
      .replace(/^file:\/\//, '')
      .split('/')
      .filter(Boolean);
    const modules = segments.indexOf('node_modules');
    if (modules !== -1) return segments.slice(modules).join('/') + (match.endsWith('/') ? '/' : '');
    // The workspace's own files: the shortest tail that starts at one of its top-level names.
    for (let start = segments.length - 1; start >= 1; start--) {
      if (!roots.has(segments[start]!)) continue;
      // A URL path has few segments ("/static/app.js"); a machine path to a workspace has many.
      if (isFileUrl || start >= 2) return segments.slice(start).join('/');
    }
    // The local runner keeps each workspace in …/sessions/<id>/: what follows is the exercise's.
    const sessions = segments.lastIndexOf('sessions');
    if (sessions !== -1 && sessions + 2 < segments.length) return segments.slice(sessions + 2).join('/');
    return isFileUrl ? segments.at(-1)! : match;
  });
}
