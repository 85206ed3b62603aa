// What the rate-limit tests share. Every test gets an app of its own (app.js imported afresh, so its
// counts start at zero, whether express-rate-limit keeps them or the app's own code does) and a clock
// of its own: Date, setTimeout and setInterval are Vitest's fake timers, which run on with real time
// but can be moved on by a minute at once, so no test sleeps through a real window. The clock starts
// one second into a minute, so a window that starts on the clock's minute does not end mid-test.
import { afterEach, beforeEach, vi } from 'vitest';
import { countRows } from '../grading/db.js';
import { request, restartedApp } from '../grading/http.js';

export const ORDER = { dish: 'Tomato soup', quantity: 1 };

/** The menu app.js serves, as the starter has it. */
export const MENU = [
  { id: 1, name: 'Tomato soup', priceCents: 650 },
  { id: 2, name: 'Risotto ai funghi', priceCents: 1450 },
  { id: 3, name: 'Lemon tart', priceCents: 700 },
];

beforeEach(() => {
  const minute = 60_000;
  vi.useFakeTimers({
    now: Math.ceil(Date.now() / minute) * minute + 1000,
    toFake: ['Date', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'],
    shouldAdvanceTime: true,
  });
});

afterEach(() => {
  vi.useRealTimers();
});

/** app.js imported afresh, as if the app had just started. */
export function startApp() {
  return restartedApp();
}

/** Moves the app's clock on by this many seconds, running the timers that fall due. */
export function waitSeconds(seconds) {
  vi.advanceTimersByTime(seconds * 1000);
}

/** Sends POST /orders to `app`, from the client `ip` (through the proxy) when one is given. */
export function placeOrder(app, { ip, forwardedFor } = {}) {
  const headers = {};
  if (forwardedFor ?? ip) headers['x-forwarded-for'] = forwardedFor ?? ip;
  return request('POST', '/orders', { app, body: ORDER, headers });
}

/** Sends `count` orders one after the other and returns the replies. */
export async function placeOrders(app, count, options) {
  const replies = [];
  for (let i = 0; i < count; i++) replies.push(await placeOrder(app, options));
  return replies;
}

/** "201, 201, 429" */
export function statuses(replies) {
  return replies.map((res) => res.status).join(', ');
}

/** Fails with "this needs task 1 first" unless the first five replies are 201 and the sixth 429. */
export function needsLimit(replies) {
  const last = replies.at(-1);
  last.needsTask(
    1,
    replies.slice(0, 5).every((res) => res.status === 201) && replies[5]?.status === 429,
    `five orders in a row should answer 201 and the sixth 429 (they answered ${statuses(replies)})`,
  );
}

export function orderCount() {
  return countRows('orders');
}

/** The number after `name=` in a structured header such as `"5-in-1min"; r=4; t=60`, or undefined. */
export function parameter(header, name) {
  const match = new RegExp(`(?:^|[;,\\s])${name}=(\\d+)`).exec(header ?? '');
  return match ? Number(match[1]) : undefined;
}

/** The whole number of seconds in a Retry-After header, or undefined when it is not one. */
export function retryAfter(res) {
  const value = res.headers['retry-after'];
  return /^\d+$/.test(value ?? '') ? Number(value) : undefined;
}
