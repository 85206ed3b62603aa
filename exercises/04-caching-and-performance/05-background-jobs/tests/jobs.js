// What the background-job tests share. Every test gets an app of its own (app.js imported afresh
// with restartedApp(), so its worker's timer runs on this test's clock) and a clock of its own:
// setTimeout and setInterval are Vitest's fake timers, which stand still until a test moves them on.
// So no test sleeps through real seconds, and "one second later" means exactly that for the worker,
// whatever the machine's load. Date stays real: the instructions count time with timers only, and
// the harness's watchdog reads Date.
import { afterEach, beforeEach, vi } from 'vitest';
import { queryDatabase, settle, writeDatabase } from '../grading/db.js';
import { request, restartedApp } from '../grading/http.js';

/** The real setTimeout, taken before any test fakes it: how long the grader waits for an answer. */
const realSetTimeout = globalThis.setTimeout;
const realWait = (ms) => new Promise((resolve) => realSetTimeout(resolve, ms));

const FAKE = ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'];

beforeEach(() => {
  vi.useFakeTimers({ toFake: FAKE });
});

afterEach(() => {
  vi.useRealTimers();
});

/**
 * app.js imported afresh, as if the app had just started (its worker runs on this test's clock), with
 * an empty queue: the jobs earlier tests left in the jobs table would otherwise be built first.
 */
export async function startApp() {
  const app = await restartedApp();
  await writeDatabase('DELETE FROM jobs');
  return app;
}

/** app.js imported afresh against the same database, jobs and all: a restart. */
export function restartApp() {
  return restartedApp();
}

/**
 * Stops the apps started so far, as far as their workers go: a new clock replaces the old one, and
 * the old one's timers never fire again. The next startApp() is then the only worker running.
 */
export function stopApps() {
  vi.useRealTimers();
  vi.useFakeTimers({ toFake: FAKE });
}

/** Moves the app's clock on by this many seconds, one second at a time, letting the worker's queries finish. */
export async function waitSeconds(seconds) {
  for (let i = 0; i < seconds; i++) {
    await settle();
    await vi.advanceTimersByTimeAsync(1000);
    await settle();
  }
}

/** Set once POST /reports was seen to wait for the clock, so later tests need not wait as long. */
let slowApp = false;

/**
 * POST /reports with this month. The app must answer without the clock moving: the grader waits up
 * to 2 real seconds, then moves the clock on a second at a time (up to 10) to see whether the answer
 * was waiting for the report. Returns the reply, with `slowBy`: the seconds the clock had to move.
 */
export function postReport(app, month) {
  return sendReport(app, { month });
}

/** POST /reports with this body (none when undefined), as postReport does. */
export async function sendReport(app, body) {
  let res;
  let error;
  const pending = request('POST', '/reports', { app, body, timeoutMs: 60_000 }).then(
    (reply) => (res = reply),
    (caught) => (error = caught),
  );
  const patience = slowApp ? 100 : 2000;
  for (let waited = 0; waited < patience && !res && !error; waited += 10) await realWait(10);
  let seconds = 0;
  while (!res && !error && seconds < 10) {
    seconds += 1;
    await vi.advanceTimersByTimeAsync(1000);
    for (let waited = 0; waited < 200 && !res && !error; waited += 10) await realWait(10);
  }
  await pending;
  if (error) throw error;
  res.slowBy = seconds;
  if (seconds > 0) slowApp = true;
  return res;
}

/**
 * For tasks 2–4: a report queued by task 1's POST /reports, or "this needs task 1 first". Asks only
 * for what they need: a 2xx at once, and the job's path from the Location header or the body's id.
 */
export async function queueReport(app, month) {
  const res = await postReport(app, month);
  const path = jobPath(res) ?? (res.body?.id !== undefined ? `/jobs/${res.body.id}` : undefined);
  res.needsTask(
    1,
    res.slowBy === 0 && res.status >= 200 && res.status < 300 && path !== undefined,
    'POST /reports should answer 202 at once, with the job\'s id',
  );
  return path;
}

/** The job's path from the Location header ("/jobs/7"), or undefined. */
export function jobPath(res) {
  const location = res.headers.location ?? '';
  const match = /(?:^|\/\/[^/]+)(\/jobs\/[^/?#]+)$/.exec(location);
  return match?.[1];
}

/** GET the job, settled first so the worker's queries have finished. */
export async function getJob(app, path) {
  await settle();
  return request('GET', path, { app });
}

/** What buildReport gives for a month, read from the orders table. */
export async function expectedReport(month) {
  const [row] = await queryDatabase(
    "SELECT count(*) AS orders, coalesce(sum(total_cents), 0) AS totalCents FROM orders WHERE strftime('%Y-%m', placed_on) = ?",
    [month],
  );
  return { month, orders: row.orders, totalCents: row.totalCents };
}
