/**
 * `npm start` serves the built site; it builds first when `dist/` is missing or older than any
 * source file, so a fresh clone needs only `npm install && npm start`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const SOURCE_DIRS = ['site', 'content', 'exercises', 'grader/src'];
const SOURCE_FILES = ['astro.config.mjs', 'package.json'];

// Not grading/files.js's listFiles: folders' own mtimes count (a deleted file changes them), and e2e/ and dotfiles do not.
function newestMtime(path: string): number {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const name of readdirSync(path)) {
    if (name === 'node_modules' || name === 'e2e' || name.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(join(path, name)));
  }
  return newest;
}

export function needsBuild(root: string): boolean {
  const marker = join(root, 'dist', 'index.html');
  if (!existsSync(marker)) return true;
  const built = statSync(marker).mtimeMs;
  const sources = [...SOURCE_DIRS, ...SOURCE_FILES].map((p) => newestMtime(join(root, p)));
  return Math.max(...sources) > built;
}

export function buildIfNeeded(root: string, log: (line: string) => void = console.log): void {
  if (!needsBuild(root)) return;
  log('Building the site (first start or sources changed)…');
  const started = Date.now();
  const result = spawnSync(process.execPath, [join(root, 'node_modules/astro/bin/astro.mjs'), 'build'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error('The site build failed; the error is printed above.');
  log(`Built in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
}
