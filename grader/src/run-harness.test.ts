import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createWarmGrader } from './warm-grader.ts';
import { loadExercise } from './load-exercise.ts';
import { prepareWorkspace } from './prepare-workspace.ts';
import type { Workspace } from './prepare-workspace.ts';
import { repoRoot } from './paths.ts';
import { runHarness } from './run-harness.ts';

// The app passes only when it cannot see the secret this process holds.
const app = `import express from 'express';
const app = express();
app.get('/', (req, res) => res.send('hi'));
app.get('/health', (req, res) => res.json({ status: process.env.KITCHEN_TEST_SECRET === undefined ? 'ok' : 'leaked' }));
export default app;
`;

let workspace: Workspace;
beforeAll(() => {
  process.env.KITCHEN_TEST_SECRET = 'do-not-leak-me';
  const exercise = loadExercise(join(repoRoot, 'exercises/00-how-the-back-end-works/01-first-server'));
  workspace = prepareWorkspace(exercise, { files: { 'app.js': app } });
});
afterAll(() => {
  delete process.env.KITCHEN_TEST_SECRET;
  workspace.remove();
});

const minimal = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: '/nonexistent' };

test('inheritEnv: false gives the harness and the learner app exactly the env given, cold and warm', async () => {
  expect((await runHarness(workspace.dir, { env: minimal, inheritEnv: false })).status).toBe('pass');
  const grader = createWarmGrader(workspace.dir, { env: minimal, inheritEnv: false });
  try {
    expect((await grader.check()).status).toBe('pass');
  } finally {
    await grader.close();
  }
});

test('by default (the CLI) the harness inherits this process environment', async () => {
  expect((await runHarness(workspace.dir)).status).toBe('fail');
});

test('process groups are recorded while the harness runs and forgotten after', async () => {
  const recorded: number[] = [];
  const forgotten: number[] = [];
  await runHarness(workspace.dir, {
    groups: { recordGroup: (pgid) => recorded.push(pgid), forgetGroup: (pgid) => forgotten.push(pgid) },
  });
  expect(recorded).toHaveLength(1);
  expect(forgotten).toEqual(recorded);
});
