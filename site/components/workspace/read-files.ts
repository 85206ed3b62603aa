/**
 * Build-time helper (Node): reads a folder into a { "relative/path": "text" } map for the JSON the
 * workspace downloads, through the one file walker (grading/files.js: node_modules skipped, links
 * not followed, sorted). Dotfiles and anything that is not text the editor can show are left out.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { listFiles } from '../../../exercises/_template/grading/files.js';

const TEXT_FILE = /\.(js|mjs|cjs|json|sql|md|txt|html|css)$/;

export function readTextFiles(dir: string, prefix = ''): Record<string, string> {
  const files: Record<string, string> = {};
  for (const path of listFiles(dir, { dotfiles: false })) {
    if (TEXT_FILE.test(path)) files[`${prefix}${path}`] = readFileSync(join(dir, path), 'utf8');
  }
  return files;
}
