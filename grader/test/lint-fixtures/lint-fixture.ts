/**
 * Test helper: builds a repository in a temp folder from the known-good `valid/` fixture with one
 * broken overlay from `broken/<name>/` copied on top (and optional files removed), lints it and returns
 * the printed lines, so each rule's test shows exactly what an author would read.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { formatProblem, lintContent } from '../../src/lint/index.ts';

const here = import.meta.dirname;

export function buildFixture(name: string | undefined, remove: string[] = []): string {
  const root = mkdtempSync(path.join(tmpdir(), 'lint-fixture-'));
  cpSync(path.join(here, 'valid'), root, { recursive: true });
  if (name) cpSync(path.join(here, 'broken', name), root, { recursive: true });
  for (const file of remove) rmSync(path.join(root, file), { recursive: true, force: true });
  return root;
}

export function lintFixture(name: string | undefined, remove: string[] = []): string {
  const root = buildFixture(name, remove);
  try {
    return lintContent(root).problems.map(formatProblem).join('\n');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
