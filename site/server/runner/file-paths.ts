/**
 * Validates the file paths and contents the browser sends. A learner may only touch the exercise's
 * editable files and, when the exercise allows new files, files beside them; nothing else in the
 * workspace (the template, the tests, node_modules) and nothing outside it.
 */
import { posix } from 'node:path';
import type { RunnerErrorCode } from '../../runtime/contract.ts';
import { extensionOf, learnerPathProblem, NEW_FILE_EXTENSIONS } from '../../runtime/learner-path.ts';
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

const RESERVED_DIRS = new Set(['node_modules', 'tests', 'grading', '.git']);

function refuse(code: RunnerErrorCode, message: string): never {
  throw new RunnerError(code, message);
}

/**
 * Checks the shape of a path alone, by the rule both runtimes and the editor share
 * (site/runtime/learner-path.ts); returns it unchanged when it is a plain relative path.
 */
export function checkPathShape(path: unknown): string {
  const problem = learnerPathProblem(path);
  if (problem) refuse(problem.code, problem.message);
  return path as string;
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
  if (!NEW_FILE_EXTENSIONS.includes(extensionOf(checked))) {
    refuse(
      'FILE_TYPE_NOT_ALLOWED',
      `${shown} has a file type the runner does not accept; use one of ${NEW_FILE_EXTENSIONS.join(' ')}.`,
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
