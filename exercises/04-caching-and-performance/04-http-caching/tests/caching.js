// What the HTTP caching tests share: the requests (the menu in a language, a price change, Ana's
// account page) and readers for the headers a cache looks at.
import { afterAll, beforeAll, vi } from 'vitest';
import { queryDatabase } from '../grading/db.js';
import { request } from '../grading/http.js';

// The app stamps a price change with new Date(): the checks control that clock (Vitest's fake Date,
// nothing else faked), so every change happens a minute after the last one, at times that are the
// same on every run.
beforeAll(() => {
  vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-12-01T12:00:00.000Z') });
});

afterAll(() => {
  vi.useRealTimers();
});

/** Ana's token, seeded by app.js. */
export const ANA = { authorization: 'Bearer ana-secret-token' };

/** GET /menu, in `language` when one is given (Accept-Language), with any other headers. */
export function getMenu({ language, headers = {} } = {}) {
  return request('GET', '/menu', { headers: { ...(language ? { 'accept-language': language } : {}), ...headers } });
}

let nextPrice = 701;

/** A minute later, changes the price of dish 2 to a price it has not had before (PUT /menu/2/price, given in app.js). */
export async function changePrice() {
  const priceCents = nextPrice++;
  vi.setSystemTime(Date.now() + 60_000);
  const res = await request('PUT', '/menu/2/price', { body: { priceCents } });
  res.expect(
    res.status === 200,
    `200, as the starter answers a price change; got ${res.status}. Keep PUT /menu/:id/price as it was: the checks use it to change the menu`,
  );
  return res;
}

/**
 * The directives of a Cache-Control header, lower-case: `public, max-age=300` → Map { public → true,
 * max-age → '300' }. An empty Map when there is no header.
 */
export function cacheControl(res) {
  const directives = new Map();
  for (const part of (res.headers['cache-control'] ?? '').split(',')) {
    const [name, ...value] = part.trim().split('=');
    if (name) directives.set(name.toLowerCase(), value.length > 0 ? value.join('=').replace(/^"|"$/g, '') : true);
  }
  return directives;
}

/** A header as the message shows it: `Cache-Control: "no-cache"`, or that there is none. */
export function shown(res, name) {
  const value = res.headers[name.toLowerCase()];
  return value === undefined ? `no ${name} header` : `${name}: ${value}`;
}

/** An entity tag as RFC 9110 writes it: a quoted string, with W/ in front for a weak one. */
export function isEntityTag(value) {
  return /^(W\/)?"[^"]*"$/.test(value ?? '');
}

/** An HTTP date in the one format servers send (IMF-fixdate): `Tue, 03 Nov 2026 17:45:12 GMT`. */
export function isHttpDate(value) {
  return /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d\d:\d\d:\d\d GMT$/.test(value ?? '');
}

/** The latest updated_at of the dishes table, as the ISO text stored there. */
export async function latestChange() {
  const [row] = await queryDatabase('SELECT MAX(updated_at) AS latest FROM dishes');
  return row.latest;
}

/**
 * Fails unless the reply has an ETag, which the test sends back: in task 3's own tests with what is
 * missing, in later tasks with "this needs task 3 first".
 */
export function needsEtag(res, { ownTask = false } = {}) {
  if (ownTask) {
    res.expectStatus(200);
    res.expect(isEntityTag(res.headers.etag), `an ETag header, a quoted string such as "3f9a2c", which this check sends back; got ${shown(res, 'ETag')}`);
  } else {
    res.needsTask(3, isEntityTag(res.headers.etag), 'GET /menu should answer with an ETag, a quoted string such as "3f9a2c"');
  }
}
