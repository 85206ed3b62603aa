/**
 * The one machine-path cleaner (exercises/_template/grading/paths.js): what the harness, the grading
 * helpers, the grader and the local runner print instead of this machine's folders.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { shortenPaths, workspaceRoots } from '../../exercises/_template/grading/paths.js';

const ws = '/tmp/kitchen-abc123';

test('makes paths below a root relative, also as file:// URLs', () => {
  expect(shortenPaths(`at ${ws}/app.js:12:3\n    at file://${ws}/routes/menu.js:4:1`, [ws])).toBe(
    'at app.js:12:3\n    at routes/menu.js:4:1',
  );
});

test('shows the root alone as ".", also at the end of a sentence or in quotes', () => {
  expect(shortenPaths(`cwd is ${ws}.`, [ws])).toBe('cwd is ..');
  expect(shortenPaths(`scandir '${ws}'`, [ws])).toBe("scandir '.'");
  expect(shortenPaths(`${ws}/`, [ws])).toBe('');
});

test('matches a root only as a whole folder name', () => {
  const text = `${ws}2/app.js ${ws}-old/app.js ${ws}.bak ${ws}_x`;
  expect(shortenPaths(text, [ws])).toBe(text);
});

test('prefers the longest root and gives a root another name when asked', () => {
  const repo = '/home/me/kitchen';
  const text = `${repo}/node_modules/express/lib/router.js:4 ${repo}/grader/src/x.ts ${repo}/node_modules`;
  expect(shortenPaths(text, [repo, { path: `${repo}/node_modules`, as: 'node_modules' }])).toBe(
    'node_modules/express/lib/router.js:4 grader/src/x.ts node_modules',
  );
});

test('ignores "/", empty roots and trailing slashes, and leaves other text alone', () => {
  expect(shortenPaths('GET /api/users/1 from /usr/lib/x.js', ['/', '', `${ws}/`])).toBe(
    'GET /api/users/1 from /usr/lib/x.js',
  );
  expect(shortenPaths(`${ws}/a.js`, [`${ws}/`])).toBe('a.js');
});

test('escapes roots that hold regular-expression characters', () => {
  const odd = '/tmp/a+b (1)/[ws]';
  expect(shortenPaths(`${odd}/app.js and /tmp/aab (1)/[ws]/app.js`, [odd])).toBe(
    'app.js and /tmp/aab (1)/[ws]/app.js',
  );
});

test('workspaceRoots: the workspace, its real path and the folder that really holds node_modules', () => {
  const root = mkdtempSync(join(tmpdir(), 'grading-paths-'));
  try {
    const repo = join(root, 'repo');
    const real = join(root, 'real-ws');
    mkdirSync(join(repo, 'node_modules'), { recursive: true });
    mkdirSync(real);
    symlinkSync(real, join(root, 'ws'), 'dir');
    symlinkSync(join(repo, 'node_modules'), join(real, 'node_modules'), 'dir');
    const roots = workspaceRoots(join(root, 'ws'));
    expect(roots).toEqual([join(root, 'ws'), real, repo]);
    expect(shortenPaths(`${real}/app.js ${repo}/node_modules/x/y.js`, roots)).toBe('app.js node_modules/x/y.js');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
