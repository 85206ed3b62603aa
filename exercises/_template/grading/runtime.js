// State shared by setup.js and http.js inside one Vitest worker: the captured console output, the
// app's unhandled errors, the heartbeat file and the framing of failure messages. Plain JS that runs
// on Node 22 in a WebContainer as well as locally.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { TestRunner } from 'vitest';
import { shortenPaths, workspaceRoots } from './paths.js';

/** The workspace folder: the parent of grading/. */
export const workspaceDir = fileURLToPath(new URL('..', import.meta.url)).replace(/[\\/]$/, '');

/** An error whose message is written for the learner and shown as it is. */
export class KitchenError extends Error {
  /** @param {string} message @param {string} [code] */
  constructor(message, code) {
    super(message);
    this.name = 'KitchenError';
    if (code) this.kitchenCode = code;
  }
}

/** @param {string} message @param {string} [code] @returns {never} */
export function fail(message, code) {
  throw new KitchenError(message, code);
}

const pathRoots = workspaceRoots(workspaceDir);

/**
 * Replaces this machine's paths with paths relative to the exercise (`app.js:12`,
 * `node_modules/router/index.js:449`), so what a learner reads — and where a long text is cut — does
 * not depend on where the workspace happens to be.
 * @param {unknown} text
 */
export function shortPaths(text) {
  return shortenPaths(String(text), pathRoots);
}

/** `app.js:12` for the first stack frame in the learner's files, or undefined. */
export function learnerLocation(error) {
  const stack = typeof error?.stack === 'string' ? shortPaths(error.stack) : '';
  for (const line of stack.split('\n').slice(1)) {
    const match = /\(?([^\s()]+?\.[cm]?js):(\d+)(?::\d+)?\)?\s*$/.exec(line.trim());
    if (!match) continue;
    const file = match[1];
    if (/^(\/|file:|node:)/.test(file) || file.includes('node_modules/') || /^(grading|tests|\.reference)\//.test(file)) {
      continue;
    }
    return `${file}:${match[2]}`;
  }
  return undefined;
}

// ---- Heartbeat for the harness's watchdog --------------------------------------------------------

const stateFile = process.env.KITCHEN_STATE_FILE;
// The real clock, taken before any test fakes Date (vi.useFakeTimers, vi.setSystemTime): the harness
// compares the heartbeat with its own real clock, so a faked one would switch the watchdog off (a
// date in the future) or make a healthy worker look stuck (a date in the past).
const realNow = Date.now;
const state = { pid: process.pid, phase: 'collect', testId: undefined, beat: realNow() };

/** Writes the heartbeat synchronously: the harness reads it while this process may be stuck. */
export function writeState(patch = {}) {
  Object.assign(state, patch, { beat: realNow() });
  if (!stateFile) return;
  try {
    writeFileSync(stateFile, JSON.stringify(state));
  } catch {
    // The workspace may be going away while the run is torn down; the heartbeat is best effort.
  }
}

/** Tests that blocked the worker in an earlier attempt of this check: id → message. */
export function readStuckTests() {
  const file = process.env.KITCHEN_STUCK_FILE;
  if (!file) return {};
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return {};
  }
}

// ---- The learner app's console output, per test --------------------------------------------------

const outputCap = Number(process.env.KITCHEN_OUTPUT_BYTES) || 64 * 1024;
let chunks = [];
let size = 0;
let dropped = 0;
/** @type {string[][]} */
const captures = [];

export function beginTestOutput() {
  chunks = [];
  size = 0;
  dropped = 0;
}

/** Keeps the last `outputCap` bytes: the end of a flood is what tells what the app was doing. */
export function appendOutput(text) {
  for (const capture of captures) capture.push(text);
  chunks.push(text);
  size += text.length;
  if (size > outputCap * 2) {
    const joined = chunks.join('');
    const kept = joined.slice(-outputCap);
    dropped += joined.length - kept.length;
    chunks = [kept];
    size = kept.length;
  }
}

/** The output of the test that just ended, cut to the cap, or '' if it printed nothing. */
export function endTestOutput() {
  let text = chunks.join('');
  if (text.length > outputCap) {
    dropped += text.length - outputCap;
    text = text.slice(-outputCap);
  }
  const droppedBytes = dropped;
  beginTestOutput();
  if (droppedBytes === 0) return text;
  return `… (${Math.round(droppedBytes / 1024)} KB of earlier output not shown)\n${text}`;
}

/** Runs `fn` and returns the lines printed while it ran. */
export async function captureLines(fn) {
  /** @type {string[]} */
  const capture = [];
  captures.push(capture);
  try {
    await fn();
  } finally {
    captures.splice(captures.indexOf(capture), 1);
  }
  return capture
    .join('')
    .split('\n')
    .filter((line) => line.length > 0);
}

// ---- Errors the app raised outside any request/response ------------------------------------------

/** @type {string[]} */
let appErrors = [];

export function recordAppError(kind, reason) {
  const where = learnerLocation(reason);
  const what = reason instanceof Error ? `${reason.name}: ${reason.message}` : String(reason);
  const task = currentTaskId();
  const prefix = task ? `Task ${task} · ` : '';
  if (kind === 'process-exit') {
    appErrors.push(
      `${prefix}your app called process.exit()${where ? ` at ${where}` : ''}, which stops a real server for everyone. ` +
        'To report a problem, answer the request instead, e.g. res.status(500).json({ error: "…" }).',
    );
    return;
  }
  appErrors.push(
    kind === 'unhandled-rejection'
      ? `${prefix}your app had an unhandled promise rejection: ${shortPaths(what)}${where ? ` (${where})` : ''}. ` +
          'A promise failed and nothing caught it: add `await` inside try/catch, or a .catch(), where it is created.'
      : `${prefix}your app threw an error outside a request handler: ${shortPaths(what)}${where ? ` (${where})` : ''}. ` +
          'Errors thrown in callbacks (timers, events) crash a real server: catch them where they happen.',
  );
}

/** The app errors recorded so far in this test, without clearing them. */
export function peekAppErrors() {
  return appErrors;
}

export function takeAppErrors() {
  const taken = appErrors;
  appErrors = [];
  return taken;
}

// ---- Which task is running -----------------------------------------------------------------------

/** The task id of the running test, from the nearest `describe('N. …')`, or undefined. */
export function currentTaskId() {
  /** @type {any} */
  let suite = TestRunner.getCurrentTest()?.suite;
  while (suite) {
    const match = /^(\d+)\.\s/.exec(suite.name ?? '');
    if (match) return match[1];
    suite = suite.suite;
  }
  return undefined;
}

/** Records the request a test sent, so the results can show it and a curl line. */
export function recordRequest(request) {
  const test = TestRunner.getCurrentTest();
  if (test) test.meta.kitchenRequest = request;
}
