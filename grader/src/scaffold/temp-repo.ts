/**
 * Test helper: a throwaway copy of a repository in which the real `npm run new` can write. Either the
 * small known-good lint fixture (fast, deterministic) or the real repo with the site (for a build).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const repo = path.resolve(import.meta.dirname, '../../..');
export const node = path.join(repo, 'node_modules/.bin/node');

export function tempRepo(kind: 'fixture' | 'real'): string {
  const root = mkdtempSync(path.join(tmpdir(), 'scaffold-'));
  if (kind === 'fixture') {
    cpSync(path.join(repo, 'grader/test/lint-fixtures/valid'), root, { recursive: true });
    cpSync(path.join(repo, 'exercises/_template'), path.join(root, 'exercises/_template'), {
      recursive: true,
    });
  } else {
    for (const entry of ['content', 'exercises', 'site', 'public', 'astro.config.mjs', 'tsconfig.json']) {
      if (existsSync(path.join(repo, entry)))
        cpSync(path.join(repo, entry), path.join(root, entry), { recursive: true });
    }
  }
  for (const entry of ['grader/src', 'grader/cli', 'grader/templates', 'package.json']) {
    cpSync(path.join(repo, entry), path.join(root, entry), { recursive: true });
  }
  symlinkSync(path.join(repo, 'node_modules'), path.join(root, 'node_modules'));
  return root;
}

export function removeRepo(root: string) {
  rmSync(root, { recursive: true, force: true });
}

/** Runs `node <script> …args` in the temp repo, as `npm run` would, and returns exit code and output. */
export function run(root: string, script: string, ...args: string[]) {
  const result = spawnSync(node, [script, ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
