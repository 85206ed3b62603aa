// What the timing tests share. The grader and the app run in the same process, so the time the grader
// measures around a request (performance.now() before sending, after the whole answer arrived) always
// contains the time the app can measure inside it. An honest figure is never larger than that (1 ms
// more is allowed, for an app that reads Date.now() or rounds up), and never smaller than the waits
// app.js is built with: 80 ms for the database's network, 150 ms for the supplier. Timers may fire a
// millisecond early, hence the small margins below. A busy machine only makes both figures larger.
import { request } from '../grading/http.js';

/** app.js's waits, in milliseconds, less a margin for timers that fire a little early. */
export const DB_WAIT = 77;
export const SUPPLIER_WAIT = 147;
/** Rounding up, or Date.now()'s whole milliseconds, may add up to this much. */
export const ROUNDING = 1;

/** What GET /specials answers. */
export const SPECIALS = [
  { id: 1, name: 'Tomato soup', priceCents: 650 },
  { id: 3, name: 'Lemon tart', priceCents: 700 },
];

/** Sends GET `path` and returns the reply and the milliseconds it took, as the grader measured them. */
export async function timed(path) {
  const start = performance.now();
  const res = await request('GET', path);
  const measured = performance.now() - start;
  return { res, measured };
}

/** The milliseconds in an X-Response-Time header such as "231.4ms", or undefined when it is not one. */
export function responseTime(res) {
  const match = /^\s*(\d+(?:\.\d+)?)\s*ms\s*$/.exec(res.headers['x-response-time'] ?? '');
  return match ? Number(match[1]) : undefined;
}

/**
 * The metrics of a Server-Timing header (W3C Server Timing): `db;dur=80.5, total;dur=231.4` gives
 * Map { 'db' => { dur: 80.5 }, 'total' => { dur: 231.4 } }. Names are compared in lower case; `dur` is
 * undefined when a metric has none or it is not a number; the first metric of a name counts.
 */
export function serverTiming(res) {
  const metrics = new Map();
  const header = res.headers['server-timing'] ?? '';
  for (const entry of header.match(/(?:[^,"]|"(?:\\.|[^"\\])*")+/g) ?? []) {
    const [name, ...params] = entry.split(';').map((part) => part.trim());
    if (!name || metrics.has(name.toLowerCase())) continue;
    let dur;
    for (const param of params) {
      const [key, value = ''] = param.split('=').map((part) => part.trim());
      if (key.toLowerCase() === 'dur' && dur === undefined) {
        const number = /^"?(\d+(?:\.\d+)?)"?$/.exec(value);
        dur = number ? Number(number[1]) : undefined;
      }
    }
    metrics.set(name.toLowerCase(), { dur });
  }
  return metrics;
}

/**
 * The header as the app sent it, for messages, with every number shown as "…" (the figures change from
 * run to run; the shape is what the message is about): "Server-Timing: total=…".
 */
export function shown(res, name) {
  const value = res.headers[name];
  return value === undefined ? `no ${headerName(name)} header` : `${headerName(name)}: ${value.replace(/\d+(?:\.\d+)?/g, '…')}`;
}

function headerName(name) {
  return name === 'x-response-time' ? 'X-Response-Time' : 'Server-Timing';
}

/**
 * Checks that the reply carries both figures for the whole answer, well formed and never more than the
 * grader measured; returns them. `atLeast` adds a lower bound (the waits the answer cannot skip), in
 * words in `atLeastText`.
 */
export function expectHonestTotals(res, measured, { atLeast = 0, atLeastText = '' } = {}) {
  const time = responseTime(res);
  res.expect(time !== undefined, `an X-Response-Time header with the milliseconds the answer took, such as "231.4ms"; got ${shown(res, 'x-response-time')}`);
  const total = serverTiming(res).get('total')?.dur;
  res.expect(
    total !== undefined,
    `a Server-Timing header with a "total" metric and its duration in milliseconds, such as "total;dur=231.4"; got ${shown(res, 'server-timing')}`,
  );
  for (const [label, value] of [
    ['X-Response-Time', time],
    ['Server-Timing total', total],
  ]) {
    // The figures themselves are left out of these messages: they change from run to run, and a
    // check must say the same thing every time. Run the app and look at the headers to see them.
    res.expect(
      value <= measured + ROUNDING,
      `${label} to be no more than the time the grader measured from sending the request to the end of the answer; it says more. ` +
        'Measure from when the request arrives (a middleware before the routes) to when the answer is sent, in milliseconds',
    );
    res.expect(
      value >= atLeast,
      `${label} to be at least ${atLeastText}; it says less. ` +
        'Start the clock when the request arrives, before any route runs, and stop it when the answer is sent',
    );
  }
  return { time, total };
}
