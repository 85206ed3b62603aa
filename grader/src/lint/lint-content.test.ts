import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { buildFixture, lintFixture } from '../../test/lint-fixtures/lint-fixture.ts';

const repo = path.resolve(import.meta.dirname, '../../..');
const node = path.join(repo, 'node_modules/.bin/node');

describe('lint:content', () => {
  test('finds nothing wrong in a valid repository', () => {
    expect(lintFixture(undefined)).toBe('');
  });

  test('prints every problem, a summary, and exits 1 when there is an error', () => {
    const root = buildFixture('files');
    try {
      const run = spawnSync(node, [path.join(repo, 'grader/cli/lint-content.ts'), root], {
        encoding: 'utf8',
      });
      expect(run.status).toBe(1);
      expect(run.stdout).toMatchInlineSnapshot(`
        "exercises/00-basics/01-hello/exercise.yaml:13 — editable file "db.js" is not in starter/ — add exercises/00-basics/01-hello/starter/db.js, or remove it from files.editable

        lint:content: 1 error, 0 warnings in 1 track, 2 lessons and 1 exercise
        "
      `);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  test('exits 0 with a summary when the content is clean', () => {
    const root = buildFixture(undefined);
    try {
      const run = spawnSync(node, [path.join(repo, 'grader/cli/lint-content.ts'), root], {
        encoding: 'utf8',
      });
      expect(run.status).toBe(0);
      expect(run.stdout).toMatchInlineSnapshot(`
        "lint:content: 0 errors, 0 warnings in 1 track, 2 lessons and 1 exercise
        "
      `);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
