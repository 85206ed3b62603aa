// @ts-check
// Machine paths in text, made short: the one cleaner for every message a learner reads that was
// written with this machine's folders in it (stack traces, Vitest's errors, the app's own logs).
// Plain JS on Node 22: the harness and grading helpers run it inside a learner's workspace (in a
// WebContainer too); the local runner (site/server/runner/session.ts) and the grader import it.
import { realpathSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';

/**
 * A folder of this machine and what it becomes in a message: `as` "" (the default) makes paths
 * below it relative ("<root>/app.js" → "app.js", the folder alone → "."); "node_modules" makes
 * "<root>/express/index.js" → "node_modules/express/index.js".
 * @typedef {{ path: string, as?: string }} PathRoot
 */

/**
 * Replaces every root in `text`, also as a file:// URL. Longest root first, so a workspace inside
 * another root wins; a root matches only as a whole folder ("/tmp/ws" leaves "/tmp/ws2" and
 * "/tmp/ws.old" alone) and never when it is "/" or empty.
 * @param {string} text
 * @param {ReadonlyArray<string | PathRoot>} roots
 * @returns {string}
 */
export function shortenPaths(text, roots) {
  const seen = new Set();
  const list = roots
    .map((root) => (typeof root === 'string' ? { path: root, as: '' } : { path: root.path, as: root.as ?? '' }))
    .map((root) => ({ ...root, path: root.path.replace(/\/+$/, '') }))
    .filter((root) => root.path.length > 1 && !seen.has(root.path) && seen.add(root.path))
    .sort((a, b) => b.path.length - a.path.length);
  let result = String(text);
  for (const { path, as } of list) {
    // The folder followed by "/", or the folder alone: not followed by a name character, nor by a
    // "." that starts an extension ("ws.old"); a sentence's full stop after it still counts.
    const pattern = new RegExp(`(?:file://)?${escapeRegExp(path)}(?:/|(?![\\w-]|\\.\\w))`, 'g');
    result = result.replace(pattern, (match) => (match.endsWith('/') ? (as ? `${as}/` : '') : as || '.'));
  }
  return result;
}

/**
 * The folders this machine's paths in a workspace start with: the workspace (as given and as its
 * real path) and the folder that really holds its node_modules (the repository locally, where
 * node_modules is a link; the workspace itself in a WebContainer). Paths below each become relative.
 * @param {string} workspace
 * @returns {string[]}
 */
export function workspaceRoots(workspace) {
  const roots = [workspace, realpathOr(workspace), dirname(realpathOr(join(workspace, 'node_modules')))];
  return [...new Set(roots)].filter((root) => root && root !== sep);
}

/**
 * The real path, or the path itself where it cannot be resolved.
 * @param {string} path
 */
export function realpathOr(path) {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

/** @param {string} text */
export function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
