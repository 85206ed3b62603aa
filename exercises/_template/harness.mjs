#!/usr/bin/env node
// The grading harness. It runs inside a prepared workspace (this template + the exercise's tests +
// the learner's files), runs the tests through Vitest's Node API with a reporter object, and prints
// one results document (the "Results contract" in ARCHITECTURE.md).
//
//   node harness.mjs [--out results.json]   one check, then exit
//   node harness.mjs --serve                 warm mode: one Vitest instance, a check per stdin line
//
// Protocol on stdout, one JSON message per line, each prefixed with "@@kitchen ":
//   {"type":"ready"}                                             (serve mode, once Vitest is up)
//   {"type":"progress","done":N,"total":M,"test":"…"}            after each test
//   {"type":"results","id":…,"results":{…ResultsDocument…}}       once per check
// In serve mode stdin takes lines "check" or {"type":"check","id":…,"spare"?:false}, and "close".
//
// Where it runs, and what that rules out:
// - the local runner and the CLI start it as a child process with Node 24; a WebContainer runs it
//   with its own Node (22: Vitest 5 needs ^22.12; WebContainers default to Node 20 unless the mounted
//   package.json asks for 22 with "engines": {"node": "22.22.0"}, which ours does). So: plain JavaScript, no TypeScript, no
//   `node:` APIs newer than 22, no native addons (sqlite3 is swapped for a WASM build there).
// - Vitest uses the forks pool (vitest.config.js); a WebContainer runs child processes.
// - The caller enforces the wall-clock limit and kills the process group; this script only stops
//   what it can see: a worker stuck in an endless synchronous loop (see the watchdog below).
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import { createInterface } from 'node:readline';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import module from 'node:module';
import os from 'node:os';
import { listFiles } from './grading/files.js';
import { escapeRegExp, realpathOr, shortenPaths, workspaceRoots } from './grading/paths.js';

const RESULTS_VERSION = 3;
/** A worker whose heartbeat is older than this is stuck in synchronous code (an endless loop). */
const BLOCKED_MS = 2000;
/** How many tests may block the worker in one check before the rest are not retried. */
const MAX_BLOCKED_TESTS = 3;
/** Codes of failures that mean the app could not be loaded at all, so no test could really run. */
const LOAD_CODES = new Set(['SYNTAX_ERROR', 'MISSING_EXPORT', 'WRONG_EXPORT', 'IMPORT_CRASH', 'MODULE_NOT_FOUND', 'PROCESS_EXIT']);

const workspace = dirname(fileURLToPath(import.meta.url));

// Node's compile cache (V8 code cache on disk) roughly halves the time to load Vitest, Vite and the
// worker runtime, in this process and, through the environment, in every Vitest worker. It lives in
// the workspace's node_modules (the repository's own locally, through the link), where later checks
// share it. Writing a fresh cache costs more than it saves once, so a caller whose workspaces are
// new each time (the local runner) sets NODE_DISABLE_COMPILE_CACHE=1. Best effort throughout.
if (!process.env.NODE_DISABLE_COMPILE_CACHE) {
  process.env.NODE_COMPILE_CACHE ??= join(workspace, 'node_modules', '.cache', 'kitchen-compile');
  try {
    module.enableCompileCache?.(process.env.NODE_COMPILE_CACHE);
  } catch {
    // No cache: slower, not wrong.
  }
}
const args = process.argv.slice(2);
const outFile = args.includes('--out') ? args[args.indexOf('--out') + 1] : undefined;
const serve = args.includes('--serve');

const kitchenDir = join(workspace, '.kitchen');
const stateFile = join(kitchenDir, 'state.json');
const stuckFile = join(kitchenDir, 'stuck.json');
mkdirSync(kitchenDir, { recursive: true });
// Read by grading/runtime.js inside the Vitest worker, which inherits this environment.
process.env.KITCHEN_STATE_FILE = stateFile;
process.env.KITCHEN_STUCK_FILE = stuckFile;

const exerciseInfo = readJson(join(workspace, 'exercise.json')) ?? {};
if (exerciseInfo.limits?.outputBytes) process.env.KITCHEN_OUTPUT_BYTES ??= String(exerciseInfo.limits.outputBytes);

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/** Resolves once the line is handed to the OS: a pipe write still queued at process.exit() is lost. */
function emit(message) {
  return new Promise((resolve) => process.stdout.write(`@@kitchen ${JSON.stringify(message)}\n`, () => resolve(undefined)));
}

// ---- Paths in messages ---------------------------------------------------------------------------

const roots = workspaceRoots(workspace);
const tmpRoots = [os.tmpdir(), realpathOr(os.tmpdir()), os.homedir()].filter((root) => root && root !== sep);

/**
 * Learners never see a machine path: everything is shown relative to the exercise (grading/paths.js),
 * and what is left in a temporary or home folder becomes "…". Colours are removed too.
 */
export function sanitize(text) {
  let result = shortenPaths(String(text).replace(/\u001b\[[0-9;]*m/g, ''), roots);
  for (const root of tmpRoots) {
    result = result.replace(new RegExp(`(?:file://)?${escapeRegExp(root)}/[^\\s'"):]*`, 'g'), '…');
  }
  return result;
}

// ---- Turning Vitest's results into the results document ------------------------------------------

function taskOf(entity) {
  let parent = entity.parent;
  while (parent && parent.type === 'suite') {
    const match = /^(\d+)\.\s+(.*)$/.exec(parent.name);
    if (match) return { id: match[1], title: match[2].trim() };
    parent = parent.parent;
  }
  return undefined;
}

function formatError(error, taskId) {
  if (!error) return `Task ${taskId} · this test failed without an error message.`;
  const message = String(error.message ?? '');
  if (error.name === 'KitchenError') return sanitize(message);
  const timedOut = /Test timed out in (\d+)ms/.exec(message);
  if (timedOut) {
    return (
      `Task ${taskId} · this test was stopped after ${Number(timedOut[1]) / 1000} s. ` +
      'A request that never gets an answer (a route that forgets res.json()/res.send()) or an endless loop usually causes this.'
    );
  }
  const lines = [`Task ${taskId} · ${error.name && error.name !== 'Error' ? `${error.name}: ` : ''}${message}`];
  if (error.diff) lines.push('', error.diff);
  return sanitize(lines.join('\n'));
}

function errorCodeOf(error) {
  return error?.kitchenCode;
}

/** Classifies an error that stopped a whole test file (a collection error). */
function fileError(error, file) {
  const message = sanitize(error?.message ?? String(error));
  if (error?.name === 'KitchenError') return { code: error.kitchenCode ?? 'IMPORT_CRASH', message };
  if (/Failed to load url|Cannot find (?:package|module)/.test(message)) {
    return { code: 'MODULE_NOT_FOUND', message: `${file} could not be loaded: ${message.split('\n')[0]}` };
  }
  if (error?.name === 'SyntaxError' || /Parse failure|Transform failed|Unexpected token/.test(message)) {
    return { code: 'SYNTAX_ERROR', message: `${file} has a syntax error: ${message.split('\n')[0]}` };
  }
  return { code: 'IMPORT_CRASH', message: `${file} could not run: ${error?.name ?? 'Error'}: ${message.split('\n')[0]}` };
}

/** Template files and grader folders: everything else in the workspace is the learner's. */
const NOT_LEARNER = new Set(['node_modules', 'grading', 'tests', '.reference', '.kitchen', 'harness.mjs', 'vitest.config.js', 'server.js']);

/**
 * Vite reports a syntax error in app.js as "Failed to parse source" at line 1, so the harness parses
 * the learner's files itself (Vite's parser, shipped with vitest/node) to name the real line.
 */
function locateSyntaxError() {
  const files = workspaceFiles()
    .filter((file) => /\.[cm]?js$/.test(file) && !NOT_LEARNER.has(file.split('/')[0]))
    .sort((a, b) => (a === 'app.js' ? -1 : b === 'app.js' ? 1 : a.localeCompare(b)));
  for (const file of files) {
    const source = readFileSync(join(workspace, file), 'utf8');
    try {
      vitestModule.parseAst(source);
    } catch (/** @type {any} */ error) {
      const line = typeof error?.pos === 'number' ? source.slice(0, error.pos).split('\n').length : undefined;
      const what = String(error?.message ?? '')
        .split('\n')
        .find((text) => text.trim() && !/^Parse failed/.test(text));
      return (
        `Syntax error in ${file}${line ? `:${line}` : ''}: ${what?.trim() ?? 'the code cannot be read'}. ` +
        'Look at that line and the one before it for a missing bracket, parenthesis, quote or comma.'
      );
    }
  }
  return undefined;
}

function tasksFor(tests, status) {
  const known = Array.isArray(exerciseInfo.tasks) ? exerciseInfo.tasks : [];
  const tasks = known.map((task) => ({ id: String(task.id), title: String(task.title), status: 'fail' }));
  for (const test of tests) {
    if (!tasks.some((task) => task.id === test.task_id)) tasks.push({ id: test.task_id, title: test.task_title, status: 'fail' });
  }
  for (const task of tasks) {
    const own = tests.filter((test) => test.task_id === task.id);
    task.status = status === 'error' ? 'error' : own.length > 0 && own.every((test) => test.status === 'pass') ? 'pass' : 'fail';
  }
  return tasks.sort((a, b) => Number(a.id) - Number(b.id));
}

function errorDocument(code, message, tests = []) {
  return { version: RESULTS_VERSION, status: 'error', code, message: sanitize(message), tasks: tasksFor(tests, 'error'), tests: [] };
}

function buildDocument(testModules, blocked) {
  const modules = [...testModules].sort((a, b) => a.moduleId.localeCompare(b.moduleId));
  const tests = [];
  const moduleErrors = [];
  const failureCodes = [];
  for (const testModule of modules) {
    const file = relative(workspace, testModule.moduleId).split(sep).join('/');
    for (const error of testModule.errors()) moduleErrors.push(fileError(error, file));
    for (const testCase of testModule.children.allTests()) {
      const result = testCase.result();
      if (result.state === 'skipped' || result.state === 'pending') continue;
      const task = taskOf(testCase) ?? { id: '0', title: 'Tests outside a numbered describe block' };
      const meta = testCase.meta();
      const entry = { name: testCase.name, task_id: task.id, task_title: task.title, status: result.state === 'passed' ? 'pass' : 'fail' };
      if (result.state === 'failed') {
        const error = result.errors?.[0];
        entry.message = formatError(error, task.id);
        failureCodes.push(errorCodeOf(error));
      }
      if (meta.kitchenOutput) entry.output = sanitize(meta.kitchenOutput);
      if (meta.kitchenRequest) entry.request = meta.kitchenRequest;
      tests.push(entry);
    }
  }
  if (blocked?.phase === 'import' || blocked?.phase === 'collect') {
    return errorDocument(
      'TIMEOUT',
      'app.js never finished loading: the code at its top level ran for more than ' +
        `${BLOCKED_MS / 1000} s without a break. Look for an endless loop (a while or for that never ends) outside your routes.`,
      tests,
    );
  }
  if (tests.length === 0 && moduleErrors.length > 0) {
    const first = moduleErrors[0];
    const located = first.code === 'SYNTAX_ERROR' ? locateSyntaxError() : undefined;
    return errorDocument(first.code, located ?? first.message, tests);
  }
  if (tests.length === 0) {
    const doc = {
      version: RESULTS_VERSION,
      status: 'fail',
      code: 'NO_TESTS',
      message: 'No tests ran, so nothing was checked. The exercise needs tests/*.test.js files with describe("1. …") blocks.',
      tasks: tasksFor([], 'fail'),
      tests: [],
    };
    return doc;
  }
  // Every test failed because the app could not be loaded: no test could really run.
  if (failureCodes.length === tests.length && failureCodes.every((code) => LOAD_CODES.has(code))) {
    const first = tests[0];
    const located = failureCodes[0] === 'SYNTAX_ERROR' ? locateSyntaxError() : undefined;
    return errorDocument(failureCodes[0], located ?? first.message ?? 'app.js could not be loaded.', tests);
  }
  const tasks = tasksFor(tests, 'fail');
  const passed = tests.filter((test) => test.status === 'pass').length;
  const status = tests.every((test) => test.status === 'pass') && tasks.every((task) => task.status === 'pass') ? 'pass' : 'fail';
  const doc = { version: RESULTS_VERSION, status, tasks, tests: tests.map(({ task_title: _title, ...test }) => test) };
  if (status === 'fail') {
    const done = tasks.filter((task) => task.status === 'pass').length;
    doc.message = `${done} of ${tasks.length} task${tasks.length === 1 ? '' : 's'} done, ${passed} of ${tests.length} tests pass.`;
    const untested = tasks.filter((task) => !tests.some((test) => test.task_id === task.id));
    if (untested.length > 0) doc.message += ` Task ${untested.map((task) => task.id).join(', ')} has no tests.`;
    if (moduleErrors.length > 0) doc.message += ` ${moduleErrors[0].message}`;
  }
  return doc;
}

// ---- Running -------------------------------------------------------------------------------------

let vitestModule;
try {
  vitestModule = await import('vitest/node');
} catch (/** @type {any} */ error) {
  await finish(
    errorDocument(
      'MODULE_NOT_FOUND',
      `The exercise's packages are not installed (vitest could not be loaded: ${error?.code ?? error?.message}). Run npm install in the workspace.`,
    ),
  );
  process.exit(0);
}

let total = 0;
let done = 0;
let finished;
const reporter = {
  onTestRunStart() {
    total = 0;
    done = 0;
  },
  onTestModuleCollected(testModule) {
    total += [...testModule.children.allTests()].length;
  },
  onTestCaseResult(testCase) {
    done += 1;
    emit({ type: 'progress', done, total: Math.max(total, done), test: testCase.name });
  },
  onTestRunEnd(testModules) {
    finished = testModules;
  },
};

// Vitest's own logger would print banners and summaries: the protocol on stdout is ours alone.
const quiet = new Writable({ write: (_chunk, _encoding, callback) => callback() });
// Warm mode keeps Vite and Vitest up but still gives each test file a fresh worker process (isolate),
// so a warm check runs the learner's modules exactly as a cold one does. What it reuses: Vite's
// transforms, and a spare worker booted in the background for the next test file (grading/spare-forks.js).
const spares = serve ? (await import('./grading/spare-forks.js')).createSpareForksPool() : undefined;
const vitest = await vitestModule.createVitest(
  {
    root: workspace,
    config: join(workspace, 'vitest.config.js'),
    watch: false,
    reporters: [reporter],
    ...(spares ? { pool: spares.pool } : {}),
    // Vitest keeps the modules it transformed on disk (its fsModuleCache), by default in the workspace's
    // node_modules. The local runner names a folder outside the workspace that only this process may
    // write (its sandbox's node_modules is read-only, and learner code must not change what a later
    // check runs): without one, each warm check transformed every test and grading file again.
    ...(process.env.KITCHEN_MODULE_CACHE ? { fsModuleCachePath: process.env.KITCHEN_MODULE_CACHE } : {}),
  },
  // The config is loaded as it is (no bundle written to node_modules/.vite-temp) and Vite's cache
  // goes to .kitchen/: in the local runner's sandbox node_modules is read-only, so learner code cannot
  // plant a module there for the grader to load.
  // (configLoader is an inline option of Vite's that its UserConfig type does not list.)
  /** @type {import('vite').UserConfig} */ ({
    logLevel: 'silent',
    server: { watch: null },
    configLoader: 'native',
    cacheDir: join(workspace, '.kitchen', 'vite'),
  }),
  { stdout: quiet, stderr: quiet },
);

/** Every file of the workspace (relative paths) but node_modules, .kitchen and .git: learner files change between warm checks. */
function workspaceFiles() {
  return listFiles(workspace, { skip: ['node_modules', '.kitchen', '.git'] });
}

function readState() {
  return readJson(stateFile);
}

/** CPU time (user + system) a process has used, in ms, or undefined where /proc cannot say. */
function cpuMs(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime, in clock ticks: USER_HZ is 100 on every Linux.
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** One pass of the suite; resolves with Vitest's test modules and what, if anything, blocked. */
async function runOnce() {
  rmSync(stateFile, { force: true });
  /** @type {{ phase: string, testId?: string, task?: string, request?: { method: string, path: string, curl?: string } } | undefined} */
  let blocked;
  // The watchdog. An endless synchronous loop blocks the worker's event loop, so Vitest's own test
  // timeout (a timer in that worker) never fires. The worker's heartbeat (grading/runtime.js) stops
  // too; this process notices, kills that worker alone and remembers which test or phase it was in.
  // "Without a break" is counted in CPU time where /proc tells it (Linux, the local runner): on a busy
  // machine a worker importing its modules may wait seconds for a CPU without being stuck. Where it
  // cannot be read (a WebContainer), wall-clock time since the heartbeat counts.
  /** @type {{ pid: number, beat: number, cpu: number | undefined } | undefined} */
  let lastBeat;
  const watchdog = setInterval(() => {
    const state = readState();
    if (!state || blocked || !['collect', 'import', 'test'].includes(state.phase)) return;
    if (!lastBeat || lastBeat.pid !== state.pid || lastBeat.beat !== state.beat)
      lastBeat = { pid: state.pid, beat: state.beat, cpu: cpuMs(state.pid) };
    if (Date.now() - state.beat < BLOCKED_MS || !isAlive(state.pid)) return;
    const cpu = cpuMs(state.pid);
    const atBeat = lastBeat.cpu;
    // A worker that used little CPU is waiting, not looping; but no heartbeat for four times as long
    // is stuck whatever the reason (on a very busy machine a loop gets little CPU too).
    const waiting = cpu !== undefined && atBeat !== undefined && cpu - atBeat < BLOCKED_MS * 0.9;
    if (waiting && Date.now() - state.beat < BLOCKED_MS * 4) return;
    blocked = state;
    try {
      process.kill(state.pid, 'SIGKILL');
    } catch {
      // It ended on its own in the meantime.
    }
  }, 100);
  finished = undefined;
  try {
    for (const file of workspaceFiles()) vitest.invalidateFile(join(workspace, file));
    vitest.clearSpecificationsCache();
    const specifications = await vitest.globTestSpecifications();
    if (specifications.length === 0) return { testModules: [], blocked };
    const result = await vitest.runTestSpecifications(specifications, true);
    return { testModules: finished ?? result.testModules, blocked };
  } finally {
    clearInterval(watchdog);
  }
}

async function check() {
  const started = Date.now();
  const stuck = { tests: {}, requests: {} };
  writeFileSync(stuckFile, JSON.stringify(stuck));
  let outcome = await runOnce();
  // A test that blocked the worker is marked failed and the suite runs again without running it, so
  // the other tests still get their results; other tests sending the same request fail at once.
  // An endless loop while loading app.js fails everything (see buildDocument).
  while (outcome.blocked?.phase === 'test' && outcome.blocked.testId && Object.keys(stuck.tests).length < MAX_BLOCKED_TESTS) {
    const { testId, request: sent, task } = outcome.blocked;
    const label = sent ? `${sent.method} ${sent.path}` : 'this test';
    stuck.tests[testId] = {
      request: sent,
      message:
        `Task ${task ?? '?'} · ${label} → your app stopped responding: it ran for more than ${BLOCKED_MS / 1000} s without ` +
        'a break, so it was stopped. Look for an endless loop (a while or for that never ends) in the code this request runs.' +
        (sent ? `\n\nTry it yourself (run \`node server.js\`; press Ctrl+C to give up):\n  ${sent.curl}` : ''),
    };
    if (sent) stuck.requests[`${sent.method} ${sent.path}`] = stuck.tests[testId].message;
    writeFileSync(stuckFile, JSON.stringify(stuck));
    outcome = await runOnce();
  }
  const doc = buildDocument(outcome.testModules, outcome.blocked?.phase === 'test' ? undefined : outcome.blocked);
  doc.durationMs = Date.now() - started;
  return doc;
}

function finish(doc, id) {
  if (outFile) writeFileSync(outFile, JSON.stringify(doc, null, 2));
  return emit({ type: 'results', ...(id === undefined ? {} : { id }), results: doc });
}

async function safeCheck() {
  try {
    return await check();
  } catch (/** @type {any} */ error) {
    return errorDocument('HARNESS_ERROR', `The grader could not run the tests: ${error?.message ?? error}`);
  }
}

if (!serve) {
  await finish(await safeCheck());
  await vitest.close();
  rmSync(kitchenDir, { recursive: true, force: true });
  process.exit(0);
}

emit({ type: 'ready' });
let queue = Promise.resolve();
const lines = createInterface({ input: process.stdin });
lines.on('line', (line) => {
  const text = line.trim();
  if (!text) return;
  let command;
  try {
    command = text.startsWith('{') ? JSON.parse(text) : { type: text };
  } catch {
    command = { type: 'unknown' };
  }
  if (command.type === 'close') {
    queue = queue.then(async () => {
      spares?.close();
      await vitest.close();
      rmSync(kitchenDir, { recursive: true, force: true });
      process.exit(0);
    });
    return;
  }
  if (command.type === 'check') {
    queue = queue.then(async () => {
      // `"spare": false` (a busy server that may close this grader before its next check) boots no
      // spare worker, which would only cost CPU; a spare already booted is still used.
      spares?.setEnabled(command.spare !== false);
      return finish(await safeCheck(), command.id);
    });
  }
});
// The caller went away: leave nothing running.
lines.on('close', () => {
  queue = queue.then(async () => {
    spares?.close();
    await vitest.close();
    process.exit(0);
  });
});
