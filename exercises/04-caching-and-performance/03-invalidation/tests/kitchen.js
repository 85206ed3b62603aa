// What the invalidation tests share. The clock: Date, performance and the timers are Vitest's fake
// timers for this whole file, installed before app.js (and lru-cache, which keeps a reference to
// `performance` when it loads) is imported. They run on with real time, so the app's reads still take
// their quarter of a second, but a test can move them on by a minute at once instead of waiting.
// The clock only ever goes forward: every test gets an app of its own (app.js imported afresh, with
// an empty cache) and moves the clock on from where the last test left it.
import { vi } from 'vitest';
import { countQueries, writeDatabase } from '../grading/db.js';
import { request, restartedApp } from '../grading/http.js';

vi.useFakeTimers({
  toFake: ['Date', 'performance', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'],
  shouldAdvanceTime: true,
});
// performance.now() starts at 0 on a fake clock, and lru-cache reads a start of 0 as "no time to live".
vi.advanceTimersByTime(1000);

/** app.js imported afresh, as if the app had just started: its cache is empty. */
export function startApp() {
  return restartedApp();
}

/** Moves the app's clock on by this many seconds, running the timers that fall due. */
export async function waitSeconds(seconds) {
  vi.advanceTimersByTime(seconds * 1000);
  // Let the timers that just ran (lru-cache's clock, the app's own) finish their work.
  await new Promise((resolve) => setImmediate(resolve));
}

/** GET `path` from `app`. */
export function get(app, path) {
  return request('GET', path, { app });
}

/** Changes a price behind the app's back, as another service writing to the same database would. */
export async function changePriceDirectly(id, priceCents) {
  await writeDatabase('UPDATE dishes SET price_cents = ? WHERE id = ?', [priceCents, id]);
}

/** A price no test has used yet, so a test never sees another test's price by chance. */
let nextPrice = 2000;
export function newPrice() {
  nextPrice += 10;
  return nextPrice;
}

/** The X-Cache header in words for a message: `X-Cache: MISS` or `no X-Cache header`. */
export function cacheHeader(res) {
  const value = res.headers['x-cache'];
  return value === undefined ? 'no X-Cache header' : `X-Cache: ${value}`;
}

export { countQueries };
