/**
 * The golden fixtures again, through one warm grader (harness --serve) that checks them one after
 * another in the same workspace: each must give exactly its expected.json, as a fresh process does,
 * so nothing one learner app did (an endless loop, process.exit, a server left listening, megabytes
 * of output) changes the result of the next check.
 */
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createWarmGrader, loadExercise, prepareWorkspace, repoRoot } from '../src/index.ts';
import type { ResultsDocument, WarmGrader, Workspace } from '../src/index.ts';

const fixtures = join(import.meta.dirname, 'fixtures', 'first-server');
const firstServer = loadExercise(join(repoRoot, 'exercises/00-how-the-back-end-works/01-first-server'));

function normalise(doc: ResultsDocument): ResultsDocument {
  const { durationMs: _duration, ...rest } = doc;
  return {
    ...rest,
    tests: rest.tests.map((t) =>
      t.output && t.output.length > 1000
        ? { ...t, output: `${t.output.slice(0, 200)}…[${t.output.length} characters]` }
        : t,
    ),
  };
}

let workspace: Workspace;
let grader: WarmGrader;
beforeAll(() => {
  workspace = prepareWorkspace(firstServer);
  grader = createWarmGrader(workspace.dir, {
    timeoutMs: firstServer.meta.limits.timeoutMs,
    outputBytes: firstServer.meta.limits.outputBytes,
  });
});
afterAll(async () => {
  await grader.close();
  workspace.remove();
});

// Interleaved with the solution, so every bad app is followed by a check that must pass.
const cases = (['error', 'fail', 'pass'] as const).flatMap((kind) =>
  readdirSync(join(fixtures, kind))
    .sort()
    .map((cause) => `${kind}/${cause}`),
);
for (const fixture of cases) {
  test(`warm: ${fixture} gives its expected.json, and the solution passes right after`, async () => {
    rmSync(join(workspace.dir, 'app.js'), { force: true });
    writeFileSync(join(workspace.dir, 'app.js'), readFileSync(join(fixtures, fixture, 'app.js')));
    const doc = await grader.check();
    expect(normalise(doc)).toEqual(
      JSON.parse(readFileSync(join(fixtures, fixture, 'expected.json'), 'utf8')),
    );
    writeFileSync(join(workspace.dir, 'app.js'), readFileSync(join(fixtures, 'pass/solution/app.js')));
    expect((await grader.check()).status).toBe('pass');
  });
}
