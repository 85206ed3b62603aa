/**
 * Build-time helper (Node): reads a folder into a { "relative/path": "text" } map for the JSON the
 * workspace downloads. Skips node_modules, dotfiles and anything that is not text the editor can show.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const TEXT_FILE = /\.(js|mjs|cjs|json|sql|md|txt|html|css)$/;

export function readTextFiles(dir: string, prefix = ''): Record<string, string> {
  const files: Record<string, string> = {};
  if (!existsSync(dir)) return files;
  for (const name of readdirSync(dir).sort()) {
    if (name.startsWith('.') || name === 'node_modules') continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) Object.assign(files, readTextFiles(path, `${prefix}${name}/`));
    else if (TEXT_FILE.test(name)) files[`${prefix}${name}`] = readFileSync(path, 'utf8');
  }
  return files;
}
