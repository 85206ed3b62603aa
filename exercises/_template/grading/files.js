// @ts-check
// The one file walker: every file below a folder, with the same rules wherever a folder of an
// exercise or a workspace is listed. Plain JS on Node 22: the harness and grading helpers run it
// inside a learner's workspace (in a WebContainer too); the site, the local runner and the grader
// import it.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Every file below `dir`, as "routes/menu.js" paths relative to it (forward slashes on every
 * system), in order: each folder's names sorted by code unit, a folder's files where its name
 * sorts. `[]` when `dir` does not exist. The rules:
 * - symbolic links are neither followed nor listed, so a link planted in a workspace cannot lead a
 *   walk (or a read of what it lists) out of it;
 * - an entry whose name is in `skip` (default: node_modules) is neither entered nor listed;
 * - names starting with "." (dotfiles, .reference/, .kitchen/) are listed unless `dotfiles` is false;
 * - only plain files are listed (no sockets, fifos or devices).
 * @param {string} dir
 * @param {{ skip?: Iterable<string>, dotfiles?: boolean }} [options]
 * @returns {string[]}
 */
export function listFiles(dir, options = {}) {
  const skip = new Set(options.skip ?? ['node_modules']);
  const dotfiles = options.dotfiles ?? true;
  /** @type {string[]} */
  const files = [];
  /** @param {string} folder @param {string} prefix */
  const walk = (folder, prefix) => {
    let entries;
    try {
      entries = readdirSync(folder, { withFileTypes: true });
    } catch (error) {
      const code = /** @type {NodeJS.ErrnoException} */ (error).code;
      if (prefix === '' && (code === 'ENOENT' || code === 'ENOTDIR')) return;
      throw error;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (skip.has(entry.name) || (!dotfiles && entry.name.startsWith('.'))) continue;
      if (entry.isDirectory()) walk(join(folder, entry.name), `${prefix}${entry.name}/`);
      else if (entry.isFile()) files.push(`${prefix}${entry.name}`);
    }
  };
  walk(dir, '');
  return files;
}
