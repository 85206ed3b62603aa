/**
 * The session's module cache (workspace-root.ts moduleCacheDir): Vitest keeps the modules it
 * transformed there, and its test workers run them from there, so learner code must not be able to
 * write it. Checked with the permission model alone and inside bubblewrap (when the machine has it),
 * the way session.ts starts a check.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadExercise } from '../../../grader/src/load-exercise.ts';
import { repoNodeModules, repoRoot } from '../../../grader/src/paths.ts';
import { prepareWorkspace } from '../../../grader/src/prepare-workspace.ts';
import { detectBubblewrap, sandboxCommand } from './bubblewrap.ts';
import { createCheckGrader } from './run-check.ts';
import { learnerLaunch, sandboxEnv, sandboxNodeArgs } from './sandbox.ts';
import { createWorkspaceRoot, moduleCacheDir, type WorkspaceRoot } from './workspace-root.ts';

const exercise = loadExercise(join(repoRoot, 'exercises/00-how-the-back-end-works/01-first-server'));
const solution = readFileSync(join(exercise.solutionDir, 'app.js'), 'utf8');

let parent: string;
let root: WorkspaceRoot;
let next = 0;

beforeAll(() => {
  parent = mkdtempSync(join(tmpdir(), 'kitchen-module-cache-'));
  root = createWorkspaceRoot(parent, repoNodeModules);
});
afterAll(() => {
  root.destroy();
  rmSync(parent, { recursive: true, force: true });
});

function newWorkspace(app: string): string {
  const dir = join(root.sessionsDir, `s${(next += 1)}`);
  prepareWorkspace(exercise, { dir, files: { 'app.js': app }, linkNodeModules: false });
  return dir;
}

function checkGrader(workspace: string, sandboxed: boolean, moduleCacheBytes?: number) {
  const options = {
    workspace,
    root: root.path,
    nodeModules: root.nodeModules,
    nodeModulesLink: root.nodeModulesLink,
    addons: false,
    memoryMb: 512,
  };
  const mounts = {
    workspace,
    readOnly: ['harness.mjs', 'grading', 'tests', 'vitest.config.js', 'server.js', 'package.json'].map(
      (name) => join(workspace, name),
    ),
    emptyDir: root.emptyDir,
    hostsFile: root.hostsFile,
    nodeModules: root.nodeModules,
    nodeModulesLink: root.nodeModulesLink,
  };
  return createCheckGrader({
    workspace,
    sandboxArgs: sandboxNodeArgs({ ...options, mode: 'check' }),
    env: sandboxEnv({ mode: 'check', workspace, root: root.path }),
    timeoutMs: 20_000,
    outputBytes: 64 * 1024,
    groups: root,
    moduleCacheBytes,
    launch: sandboxed
      ? (args) => {
          const launch = learnerLaunch(args, mounts, { fileBytes: 50e6, openFiles: 1024, cpuSeconds: 120 });
          expect(launch.sandboxed).toBe(true);
          return launch;
        }
      : undefined,
  });
}

/** Every file of the cache and a hash of its content. */
function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    try {
      files[name] = createHash('sha256')
        .update(readFileSync(join(dir, name)))
        .digest('hex');
    } catch {
      // A folder.
    }
  }
  return files;
}

// An app that, while a check imports it, tries to replace every module in the cache (the test file,
// the grading helpers, itself) with one that forges a pass, and to add a module of its own.
const attack = `import fs from 'node:fs';
import path from 'node:path';
const cache = process.env.KITCHEN_MODULE_CACHE;
const found = [];
let tried = 0;
try {
  for (const name of fs.readdirSync(cache)) {
    tried += 1;
    try { fs.writeFileSync(path.join(cache, name), 'export default 1;'); found.push('WROTE ' + name); } catch (error) { found.push(error.code); }
  }
} catch (error) { found.push('LIST ' + error.code); }
try { fs.writeFileSync(path.join(cache, 'planted'), 'x'); found.push('PLANTED'); } catch (error) { found.push(error.code); }
try { fs.rmSync(cache, { recursive: true }); found.push('REMOVED'); } catch (error) { found.push(error.code); }
import express from 'express';
const app = express();
app.get('/health', (req, res) => res.json({ status: 'tried ' + tried + ': ' + [...new Set(found)].join(' ') }));
export default app;
`;

const arms = [
  { name: 'with the permission model alone', sandboxed: false },
  { name: 'inside bubblewrap', sandboxed: true },
];

describe.each(arms)('the module cache, $name', ({ sandboxed }) => {
  const skip = sandboxed && !detectBubblewrap().available;

  test.skipIf(skip)(
    'only the harness writes it: learner code in a check can neither change nor add a module there',
    async () => {
      const workspace = newWorkspace(attack);
      const cache = moduleCacheDir(workspace);
      const grader = checkGrader(workspace, sandboxed);
      try {
        const first = await grader.check();
        // The harness filled it (the test file and grading helpers at least) …
        const before = snapshot(cache);
        expect(Object.keys(before).length).toBeGreaterThan(3);
        // … and learner code read it but changed nothing: each attempt was refused.
        const message = JSON.stringify(first);
        expect(message).toMatch(/tried [1-9]\d*: ERR_ACCESS_DENIED/);
        expect(message).not.toMatch(/WROTE|PLANTED|REMOVED|LIST/);
        // A warm check runs from the cache; it is still the real grader's verdict.
        const second = await grader.check();
        expect(second.status).toBe('fail');
        expect(JSON.stringify(second)).not.toMatch(/WROTE|PLANTED|REMOVED|LIST/);
        const after = snapshot(cache);
        for (const [name, hash] of Object.entries(before)) {
          if (!name.startsWith('_')) expect(after[name], name).toBe(hash);
        }
        expect(after.planted).toBeUndefined();
      } finally {
        await grader.close();
      }
      // The session's last grader removes it.
      expect(existsSync(cache)).toBe(false);
      rmSync(workspace, { recursive: true, force: true });
    },
    90_000,
  );
});

describe('the module cache', () => {
  test('stays while a grader of the session is open, and is emptied past its cap', async () => {
    const workspace = newWorkspace(solution);
    const cache = moduleCacheDir(workspace);
    const first = checkGrader(workspace, false, 1);
    const second = checkGrader(workspace, false, 1);
    try {
      expect((await first.check()).status).toBe('pass');
      writeFileSync(join(cache, 'stale'), 'x'.repeat(1024));
      // Over the cap (1 byte here): emptied, and the check starts a fresh harness that still passes.
      expect((await first.check()).status).toBe('pass');
      expect(existsSync(join(cache, 'stale'))).toBe(false);
      await first.close();
      expect(existsSync(cache)).toBe(true);
    } finally {
      await first.close();
      await second.close();
    }
    expect(existsSync(cache)).toBe(false);
    rmSync(workspace, { recursive: true, force: true });
  }, 90_000);

  test('bubblewrap mounts it for a check only, and the permission flags let no worker write it', () => {
    const workspace = join(root.sessionsDir, 'flags');
    const cache = moduleCacheDir(workspace);
    const options = {
      workspace,
      root: root.path,
      nodeModules: root.nodeModules,
      nodeModulesLink: root.nodeModulesLink,
      addons: false,
      memoryMb: 512,
    };
    const check = sandboxNodeArgs({ ...options, mode: 'check' });
    const run = sandboxNodeArgs({ ...options, mode: 'run' });
    expect(check).toContain(`--allow-fs-read=${cache}`);
    expect(check.filter((flag) => flag.startsWith('--allow-fs-write='))).toEqual([
      `--allow-fs-write=${workspace}`,
    ]);
    expect(run.join(' ')).not.toContain(cache);
    expect(sandboxEnv({ mode: 'check', workspace, root: root.path }).KITCHEN_MODULE_CACHE).toBe(cache);
    expect(sandboxEnv({ mode: 'run', workspace, root: root.path }).KITCHEN_MODULE_CACHE).toBeUndefined();
    const mounts = {
      workspace,
      readOnly: [],
      emptyDir: root.emptyDir,
      nodeModules: root.nodeModules,
      nodeModulesLink: root.nodeModulesLink,
    };
    const limits = { fileBytes: 1, openFiles: 1, cpuSeconds: 1 };
    const bwrap = { path: '/usr/bin/bwrap' };
    const bound = (args: string[]) => args.join(' ').includes(`--bind ${cache} ${cache}`);
    expect(bound(sandboxCommand(bwrap, mounts, limits, check).args)).toBe(true);
    expect(bound(sandboxCommand(bwrap, mounts, limits, run).args)).toBe(false);
  });
});
