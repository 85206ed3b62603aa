import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { repoRoot } from '../src/index.ts';

const weakTest = 'grader/test/fixtures/mutation/weak-test/exercise';

test('mutate names the mutant a weak test lets survive, with its line and the fix, and exits 1', () => {
  const run = spawnSync(process.execPath, [join(repoRoot, 'grader/cli/mutate.ts'), weakTest], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  expect(run.stderr).toBe('');
  expect(run.stdout).toMatch(/^✗ exercise: mutation score \d+(\.\d)?% \(\d+ of \d+ mutants caught/m);
  // Exactly one survivor: the others (the path, the object, the emptied handler) fail the test.
  expect(run.stdout.split('\n').filter((line) => line.startsWith('    app.js:'))).toEqual([
    '    app.js:6 — `\'ok\'` changed to `""` and no test noticed: check this text in a test (a path, a field, a header or a message), or accept it if no learner should have to match it [StringLiteral]',
  ]);
  expect(run.stdout).toContain('- { file: app.js, line: 6, mutator: StringLiteral, reason: "…" }');
  expect(run.status).toBe(1);
}, 120_000);
