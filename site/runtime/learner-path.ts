/**
 * The one rule for the shape of a learner's file path, wherever a path from the editor arrives: the
 * workspace's new-file and rename prompts, the in-browser runtime and the local runner (which adds
 * the exercise's own policy on top, site/server/runner/file-paths.ts). No Node APIs: it runs in the
 * browser too.
 */

/** Why a path was refused: a stable code and a sentence for the learner. */
export interface PathProblem {
  code: 'INVALID_PATH' | 'NUL_BYTE' | 'BACKSLASH' | 'ABSOLUTE_PATH' | 'PATH_TRAVERSAL' | 'NODE_MODULES';
  message: string;
}

/** File types a learner may create beside the exercise's editable files. */
export const NEW_FILE_EXTENSIONS: readonly string[] = ['.js', '.mjs', '.cjs', '.json', '.sql', '.txt', '.md', '.html', '.css'];

/** One folder or file name: letters, digits, "_", "-" and "." (never first, so no "..", ".env"). */
const SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;
const MAX_PATH_LENGTH = 200;

/**
 * What is wrong with `path` as a file of the exercise, or undefined when it is a plain relative
 * path like "app.js" or "routes/menu.js". Refused: no string or an empty one, a NUL byte, a
 * backslash (Windows-style "routes\\menu.js"), an absolute path ("/etc/passwd", "C:/…"), more than
 * 200 characters, a ".." segment, a node_modules segment, and any other name outside SEGMENT (an empty
 * segment, a "." one, a dotfile, a space).
 */
export function learnerPathProblem(path: unknown): PathProblem | undefined {
  if (typeof path !== 'string' || path.length === 0) {
    return { code: 'INVALID_PATH', message: 'A file path is missing: send a path relative to the exercise, like "app.js".' };
  }
  const shown = JSON.stringify(path.length > 80 ? `${path.slice(0, 80)}…` : path);
  if (path.includes('\0')) return { code: 'NUL_BYTE', message: `The file path ${shown} contains a NUL byte; remove it.` };
  if (path.includes('\\')) {
    return {
      code: 'BACKSLASH',
      message: `The file path ${shown} contains a backslash; use "/" between folders, like "routes/menu.js".`,
    };
  }
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path)) {
    return {
      code: 'ABSOLUTE_PATH',
      message: `The file path ${shown} is absolute; use a path relative to the exercise, like "app.js".`,
    };
  }
  if (path.length > MAX_PATH_LENGTH) {
    return { code: 'INVALID_PATH', message: `The file path ${shown} is longer than ${MAX_PATH_LENGTH} characters.` };
  }
  const segments = path.split('/');
  if (segments.some((segment) => segment === '..')) {
    return {
      code: 'PATH_TRAVERSAL',
      message: `The file path ${shown} leaves the exercise folder ("..") ; files must stay inside it.`,
    };
  }
  if (segments.some((segment) => segment === 'node_modules')) {
    return {
      code: 'NODE_MODULES',
      message: `The file path ${shown} is inside node_modules, which the runner provides; edit your own files instead.`,
    };
  }
  if (segments.some((segment) => !SEGMENT.test(segment))) {
    return {
      code: 'INVALID_PATH',
      message: `The file path ${shown} is not allowed: use letters, digits, "-", "_" and "." (not first), with "/" between folders.`,
    };
  }
  return undefined;
}

/** The file type of a path: ".js" for "routes/menu.js", "" when its name has none. */
export function extensionOf(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot) : '';
}

/** A SQLite file the app made in the workspace's top folder (or its journal): what a Reset deletes. */
export function isDatabaseFile(name: string): boolean {
  return /\.(?:db|sqlite3?)(?:-journal|-wal|-shm)?$/.test(name);
}
