/**
 * The one file walker (exercises/_template/grading/files.js): what the site's bundles, the local
 * runner's workspaces, the linter, the grader and the harness list when they list a folder.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { listFiles } from '../../exercises/_template/grading/files.js';

let root = '';
let dir = '';
let outside = '';

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'grading-files-'));
  dir = join(root, 'workspace');
  outside = join(root, 'outside');
  const files = [
    'app.js',
    'a.js',
    'B.js',
    'a/z.js',
    'routes/menu.js',
    'routes/deep/x.json',
    '.env',
    '.reference/app.js',
    '.kitchen/check.db',
    'node_modules/express/index.js',
    'lib/node_modules/y.js',
  ];
  for (const file of files) {
    mkdirSync(join(dir, file, '..'), { recursive: true });
    writeFileSync(join(dir, file), '');
  }
  mkdirSync(outside);
  writeFileSync(join(outside, 'secret.js'), '');
  symlinkSync(outside, join(dir, 'linked-folder'), 'dir');
  symlinkSync(join(outside, 'secret.js'), join(dir, 'linked-file.js'));
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

test('lists every plain file with forward-slash relative paths, each folder sorted by code unit', () => {
  expect(listFiles(dir)).toEqual([
    '.env',
    '.kitchen/check.db',
    '.reference/app.js',
    'B.js',
    'a/z.js',
    'a.js',
    'app.js',
    'routes/deep/x.json',
    'routes/menu.js',
  ]);
});

test('never follows or lists a symbolic link, to a folder or to a file', () => {
  const files = listFiles(dir);
  expect(files.some((file) => file.startsWith('linked'))).toBe(false);
  expect(files).not.toContain('linked-folder/secret.js');
});

test('skips node_modules at every depth by default, and the names it is given instead', () => {
  expect(listFiles(dir).some((file) => file.includes('node_modules'))).toBe(false);
  const files = listFiles(dir, { skip: ['node_modules', '.kitchen', 'routes'] });
  expect(files).not.toContain('.kitchen/check.db');
  expect(files.some((file) => file.startsWith('routes/'))).toBe(false);
  expect(files).toContain('.reference/app.js');
  expect(listFiles(dir, { skip: [] })).toContain('node_modules/express/index.js');
});

test('leaves out dotfiles and dot-folders when asked', () => {
  expect(listFiles(dir, { dotfiles: false })).toEqual(['B.js', 'a/z.js', 'a.js', 'app.js', 'routes/deep/x.json', 'routes/menu.js']);
});

test('answers [] for a folder that does not exist (or is a file), and lists a folder in a link-free path as given', () => {
  expect(listFiles(join(root, 'missing'))).toEqual([]);
  expect(listFiles(join(dir, 'app.js'))).toEqual([]);
  expect(listFiles(join(dir, 'routes'))).toEqual(['deep/x.json', 'menu.js']);
});
