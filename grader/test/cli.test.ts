import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { repoRoot } from '../src/index.ts';

const firstServer = 'exercises/00-how-the-back-end-works/01-first-server';
const cli = (name: string, ...args: string[]) =>
  spawnSync(process.execPath, [join(repoRoot, 'grader/cli', name), ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
  });

test('grade --json prints a passing results document and exits 0 for the solution', () => {
  const run = cli('grade.ts', firstServer, `${firstServer}/solution`, '--json');
  expect(run.status).toBe(0);
  expect(JSON.parse(run.stdout)).toMatchObject({ version: 3, status: 'pass' });
});

test('grade without a learner folder grades the starter, ticks nothing and exits 1', () => {
  const run = cli('grade.ts', firstServer);
  expect(run.status).toBe(1);
  expect(run.stdout).toContain('✗ 1. Answer GET /health');
  expect(run.stdout).toContain('Task 1 · GET /health → expected status 200, got 404');
});

test('grade exits 2 and names app.js:LINE for a syntax error', () => {
  const run = cli('grade.ts', firstServer, 'grader/test/fixtures/first-server/error/syntax-error');
  expect(run.status).toBe(2);
  expect(run.stdout).toContain('app.js:6');
});

test('grade prints a short label and exits 2 for a folder that is not an exercise', () => {
  const run = cli('grade.ts', 'grader');
  expect(run.status).toBe(2);
  expect(run.stderr).toMatch(/^grade: grader\/exercise\.yaml: not found/);
});

test('verify proves first-server and prints a summary', () => {
  const run = cli('verify.ts', firstServer);
  expect(run.status).toBe(0);
  expect(run.stdout).toMatch(/✓ first-server/);
  expect(run.stdout).toMatch(/1 of 1 exercises verified/);
});

test('verify exits non-zero for an exercise whose tasks have no tests', () => {
  const run = cli('verify.ts', 'grader/test/fixtures/no-tests/exercise');
  expect(run.status).toBe(1);
});
