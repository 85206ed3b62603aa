/**
 * Validates the file paths and contents the browser sends. A learner may only touch the exercise's
 * editable files and, when the exercise allows new files, files beside them; nothing else in the
 * workspace (the template, the tests, node_modules) and nothing outside it.
 */
import { posix } from 'node:path';
import type { RunnerErrorCode } from '../../runtime/contract.ts';
import { RunnerError } from './runner-error.ts';

export interface FilePolicy {
  /** Paths the exercise lists as editable, e.g. ["app.js"]. */
  editable: readonly string[];
  /** Whether new files may be created beside the editable ones. */
  allowNewFiles: boolean;
  /** Files of the workspace the learner never writes (template, tests), relative to the workspace. */
  reserved: ReadonlySet<string>;
  /** Size cap of one file, in bytes. */
  fileBytes: number;
}

const SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;
const NEW_FILE_EXTENSIONS = new Set(['.js', '.mjs', '.cjs', '.json', '.sql', '.txt', '.md', '.html', '.css']);
const RESERVED_DIRS = new Set(['node_modules', 'tests', 'grading', '.git']);
const MAX_PATH_LENGTH = 200;

function refuse(code: RunnerErrorCode, message: string): never {
  throw new RunnerError(code, message);
}

/** Checks the shape of a path alone; returns it unchanged when it is a plain relative path. */
export function checkPathShape(path: unknown): string {
  if (typeof path !== 'string' || path.length === 0) {
    refuse('INVALID_PATH', 'A file path is missing: send a path relative to the exercise, like "app.js".');
  }
  const shown = JSON.stringify(path.length > 80 ? `${path.slice(0, 80)}…` : path);
  if (path.includes('\0')) refuse('NUL_BYTE', `The file path ${shown} contains a NUL byte; remove it.`);
  if (path.includes('\\')) {
    refuse(
      'BACKSLASH',
      `The file path ${shown} contains a backslash; use "/" between folders, like "routes/menu.js".`,
    );
  }
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path)) {
    refuse(
      'ABSOLUTE_PATH',
      `The file path ${shown} is absolute; use a path relative to the exercise, like "app.js".`,
    );
  }
  if (path.length > MAX_PATH_LENGTH)
    refuse('INVALID_PATH', `The file path ${shown} is longer than ${MAX_PATH_LENGTH} characters.`);
  const segments = path.split('/');
  if (segments.some((segment) => segment === '..')) {
    refuse(
      'PATH_TRAVERSAL',
      `The file path ${shown} leaves the exercise folder ("..") ; files must stay inside it.`,
    );
  }
  if (segments.some((segment) => segment === 'node_modules')) {
    refuse(
      'NODE_MODULES',
      `The file path ${shown} is inside node_modules, which the runner provides; edit your own files instead.`,
    );
  }
  if (segments.some((segment) => !SEGMENT.test(segment))) {
    refuse(
      'INVALID_PATH',
      `The file path ${shown} is not allowed: use letters, digits, "-", "_" and "." (not first), with "/" between folders.`,
    );
  }
  return path;
}

/** Checks that the learner may write `path` in this exercise. */
export function checkWritablePath(path: unknown, policy: FilePolicy): string {
  const checked = checkPathShape(path);
  if (policy.editable.includes(checked)) return checked;
  const shown = JSON.stringify(checked);
  const editableList = policy.editable.map((file) => `"${file}"`).join(', ');
  if (!policy.allowNewFiles) {
    refuse(
      'FILE_NOT_EDITABLE',
      `${shown} is not one of this exercise's files; you can edit ${editableList}.`,
    );
  }
  const dir = posix.dirname(checked);
  const editableDirs = new Set(policy.editable.map((file) => posix.dirname(file)));
  const topDir = checked.split('/')[0]!;
  if (policy.reserved.has(checked) || RESERVED_DIRS.has(topDir) || !editableDirs.has(dir)) {
    const where = [...editableDirs].map((d) => (d === '.' ? 'the top folder' : `"${d}/"`)).join(' or ');
    refuse(
      'FILE_NOT_EDITABLE',
      `${shown} is not yours to write: new files go in ${where}, beside ${editableList}, and must not replace the exercise's own files.`,
    );
  }
  const extension = posix.extname(checked);
  if (!NEW_FILE_EXTENSIONS.has(extension)) {
    refuse(
      'FILE_TYPE_NOT_ALLOWED',
      `${shown} has a file type the runner does not accept; use one of ${[...NEW_FILE_EXTENSIONS].join(' ')}.`,
    );
  }
  return checked;
}

/** Checks a file's content: a string no bigger than the cap. */
export function checkContent(path: string, content: unknown, fileBytes: number): string {
  if (typeof content !== 'string') {
    refuse('INVALID_CONTENT', `The content of "${path}" must be text (a JSON string).`);
  }
  const size = Buffer.byteLength(content, 'utf8');
  if (size > fileBytes) {
    refuse(
      'FILE_TOO_LARGE',
      `"${path}" is ${Math.ceil(size / 1024)} KB; the limit is ${Math.floor(fileBytes / 1024)} KB per file. Split it or remove large data.`,
    );
  }
  return content;
}
