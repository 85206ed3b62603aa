// @ts-check
// Cookies for exercise tests: read the Set-Cookie headers of a reply (RFC 6265), keep cookies between
// requests in a small jar as a browser would, and describe a cookie in words for a failure message.
//
//   import { findCookie, describeCookie, CookieJar } from '../grading/cookies.js';
//
//   const jar = new CookieJar();
//   const login = await jar.send('POST', '/login', { body: { username: 'ada', password: '…' } });
//   const sid = findCookie(login, 'sid');             // { name, value, path, httpOnly, sameSite, … }
//   login.expect(sid?.httpOnly, `the sid cookie to be HttpOnly; got ${describeCookie(sid)}`);
//   const me = await jar.send('GET', '/me');          // sends Cookie: sid=…
//
// Cookie values are left out of messages and request logs unless asked for: a session id is random,
// and the results of a check (and its golden fixtures) must read the same run after run. A jar's
// requests show `sid=<your sid cookie>` in their curl line for the same reason.
//
// Why a parser of our own: the Reply of http.js keeps each header as one string, so several
// Set-Cookie headers arrive joined with commas ("a=1; Path=/,b=2"), and Expires dates hold commas of
// their own ("Expires=Thu, 01 Jan 1970 00:00:00 GMT"). splitSetCookie() tells the two apart.
import { request } from './http.js';

/**
 * One cookie as a Set-Cookie header set it.
 * @typedef {object} Cookie
 * @property {string} name
 * @property {string} value The value as sent (not URL-decoded: express-session's "s%3A…" stays so).
 * @property {string} raw The whole Set-Cookie line.
 * @property {string | undefined} path The Path attribute, or undefined when there is none.
 * @property {string | undefined} domain The Domain attribute, or undefined.
 * @property {Date | undefined} expires The Expires date, or undefined when absent or not a date.
 * @property {number | undefined} maxAge Max-Age in seconds, or undefined when absent or not a number.
 * @property {boolean} secure
 * @property {boolean} httpOnly
 * @property {string | undefined} sameSite SameSite as sent, first letter upper-case ("Lax", "Strict", "None").
 * @property {boolean} partitioned
 * @property {Record<string, string | true>} attributes Every attribute by lower-case name (true when it has no value).
 */

/**
 * Where Set-Cookie headers can be read from: a Reply of http.js (or anything with `headers`), a
 * headers object, one header string (possibly several joined with commas), or an array of them.
 * @typedef {{ headers: Record<string, unknown> } | Record<string, unknown> | string | string[] | undefined | null} SetCookieSource
 */

/**
 * Splits a Set-Cookie value that may hold several cookies joined with commas into one line per
 * cookie. A comma starts a new cookie only when `name=` follows it before any `;`, so the comma in
 * "Expires=Thu, 01 Jan 1970 …" stays inside its line.
 * @param {string | string[] | undefined | null} header
 * @returns {string[]}
 */
export function splitSetCookie(header) {
  if (header === undefined || header === null) return [];
  if (Array.isArray(header)) return header.flatMap((line) => splitSetCookie(line));
  return String(header)
    .split(/,(?=\s*[^;,=\s][^;,=]*=)/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/**
 * Parses one Set-Cookie line into a Cookie, or undefined when it has no `name=`.
 * @param {string} line e.g. "sid=abc; Path=/; HttpOnly; SameSite=Lax"
 * @returns {Cookie | undefined}
 */
export function parseSetCookie(line) {
  const [pair, ...parts] = String(line).split(';');
  const equals = pair.indexOf('=');
  if (equals <= 0) return undefined;
  const name = pair.slice(0, equals).trim();
  if (name === '') return undefined;
  const value = pair.slice(equals + 1).trim().replace(/^"(.*)"$/, '$1');
  /** @type {Record<string, string | true>} */
  const attributes = {};
  for (const part of parts) {
    const at = part.indexOf('=');
    const key = (at === -1 ? part : part.slice(0, at)).trim().toLowerCase();
    if (key === '') continue;
    attributes[key] = at === -1 ? true : part.slice(at + 1).trim();
  }
  const text = (/** @type {string} */ key) => (typeof attributes[key] === 'string' ? /** @type {string} */ (attributes[key]) : undefined);
  const expiresText = text('expires');
  const expires = expiresText === undefined || Number.isNaN(Date.parse(expiresText)) ? undefined : new Date(expiresText);
  const maxAgeText = text('max-age');
  const maxAge = maxAgeText !== undefined && /^-?\d+$/.test(maxAgeText) ? Number(maxAgeText) : undefined;
  const sameSiteText = text('samesite');
  return {
    name,
    value,
    raw: String(line).trim(),
    path: text('path'),
    domain: text('domain'),
    expires,
    maxAge,
    secure: 'secure' in attributes,
    httpOnly: 'httponly' in attributes,
    sameSite: sameSiteText === undefined ? undefined : sameSiteText.charAt(0).toUpperCase() + sameSiteText.slice(1).toLowerCase(),
    partitioned: 'partitioned' in attributes,
    attributes,
  };
}

/**
 * Every cookie the Set-Cookie headers of `source` set, in order.
 * @param {SetCookieSource} source a Reply, a headers object, a header string or an array of lines
 * @returns {Cookie[]}
 */
export function setCookiesOf(source) {
  return splitSetCookie(setCookieHeader(source))
    .map((line) => parseSetCookie(line))
    .filter((cookie) => cookie !== undefined);
}

/**
 * The last cookie named `name` that `source` sets (names compare exactly, as browsers do), or
 * undefined. Without a name: the first cookie it sets.
 * @param {SetCookieSource} source @param {string} [name]
 * @returns {Cookie | undefined}
 */
export function findCookie(source, name) {
  const cookies = setCookiesOf(source);
  if (name === undefined) return cookies[0];
  return cookies.filter((cookie) => cookie.name === name).at(-1);
}

/**
 * True when this Set-Cookie tells the browser to forget the cookie: Max-Age of 0 or less, or (without
 * Max-Age, which wins over Expires) an Expires date that is not after `now`.
 * @param {Cookie} cookie @param {number} [now] milliseconds, Date.now() by default
 */
export function isRemoval(cookie, now = Date.now()) {
  if (cookie.maxAge !== undefined) return cookie.maxAge <= 0;
  return cookie.expires !== undefined && cookie.expires.getTime() <= now;
}

/**
 * A cookie value for a message: quoted, shortened in the middle when long.
 * @param {string} value
 */
export function describeValue(value) {
  return JSON.stringify(value.length > 32 ? `${value.slice(0, 14)}…${value.slice(-8)}` : value);
}

/**
 * A cookie for a failure message with its attributes as sent, e.g.
 * `the cookie "sid" (Set-Cookie: sid=…; Path=/; HttpOnly; SameSite=Lax)`, or "no cookie" when there
 * is none. The value shows as "…" (an empty value as nothing) unless `showValue` is true, then
 * shortened in the middle when long.
 * @param {Cookie | undefined} cookie @param {{ showValue?: boolean }} [options]
 */
export function describeCookie(cookie, { showValue = false } = {}) {
  if (!cookie) return 'no cookie';
  return `the cookie "${cookie.name}" (Set-Cookie: ${setCookieText(cookie, showValue)})`;
}

/**
 * Every Set-Cookie of `source` in words, for a message: "no Set-Cookie header" or
 * `Set-Cookie: sid=…; Path=/ and Set-Cookie: theme=…`. Values as in describeCookie().
 * @param {SetCookieSource} source @param {{ showValue?: boolean }} [options]
 */
export function describeSetCookies(source, { showValue = false } = {}) {
  const cookies = setCookiesOf(source);
  if (cookies.length === 0) return 'no Set-Cookie header';
  return cookies.map((cookie) => `Set-Cookie: ${setCookieText(cookie, showValue)}`).join(' and ');
}

/** @param {Cookie} cookie @param {boolean} showValue */
function setCookieText(cookie, showValue) {
  const [, ...attributes] = cookie.raw.split(';');
  const value = cookie.value === '' ? '' : showValue ? JSON.parse(describeValue(cookie.value)) : '…';
  return [`${cookie.name}=${value}`, ...attributes.map((part) => part.trim())].join('; ');
}

/**
 * Which attributes a cookie lacks, in words: `missing(['httpOnly', 'secure'], cookie)` gives
 * ["HttpOnly"] when only HttpOnly is missing.
 * @param {Array<'httpOnly' | 'secure' | 'partitioned'>} flags @param {Cookie} cookie
 * @returns {string[]}
 */
export function missingFlags(flags, cookie) {
  const names = { httpOnly: 'HttpOnly', secure: 'Secure', partitioned: 'Partitioned' };
  return flags.filter((flag) => !cookie[flag]).map((flag) => names[flag]);
}

/**
 * A browser's cookies for one site, by name. It ignores Domain and Path (every cookie goes with every
 * request, which is what a test of one app wants) and honours removals (Max-Age=0, an Expires in the
 * past). Plant a cookie with set(), as an attacker would.
 */
export class CookieJar {
  /** @type {Map<string, string>} */
  #cookies = new Map();

  /** Whether send() leaves the cookies' values in the request it records (the curl line). */
  #showValues;

  /**
   * @param {Record<string, string>} [initial] cookies to start with, name → value
   * @param {{ showValues?: boolean }} [options] showValues: keep the real values in the curl line and
   *   the recorded request of send() (by default they read `<your sid cookie>`)
   */
  constructor(initial = {}, { showValues = false } = {}) {
    for (const [name, value] of Object.entries(initial)) this.#cookies.set(name, value);
    this.#showValues = showValues;
  }

  /**
   * Applies the Set-Cookie headers of a reply, as a browser would: stores or replaces each cookie,
   * forgets the ones it removes. Returns the cookies it set.
   * @param {SetCookieSource} source @param {number} [now] milliseconds, Date.now() by default
   * @returns {Cookie[]}
   */
  update(source, now = Date.now()) {
    const cookies = setCookiesOf(source);
    for (const cookie of cookies) {
      if (isRemoval(cookie, now)) this.#cookies.delete(cookie.name);
      else this.#cookies.set(cookie.name, cookie.value);
    }
    return cookies;
  }

  /** @param {string} name */
  get(name) {
    return this.#cookies.get(name);
  }

  /** @param {string} name */
  has(name) {
    return this.#cookies.has(name);
  }

  /** @param {string} name @param {string} value */
  set(name, value) {
    this.#cookies.set(name, value);
    return this;
  }

  /** @param {string} name */
  delete(name) {
    this.#cookies.delete(name);
    return this;
  }

  /** The names of the cookies held. */
  names() {
    return [...this.#cookies.keys()];
  }

  /** The Cookie request header, "a=1; b=2", or '' when the jar is empty. */
  header() {
    return [...this.#cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  /**
   * Request headers with this jar's Cookie header added (none when the jar is empty).
   * @param {Record<string, string>} [headers]
   * @returns {Record<string, string>}
   */
  headers(headers = {}) {
    const cookie = this.header();
    return cookie === '' ? { ...headers } : { ...headers, cookie };
  }

  /**
   * A copy without the cookie `name`: the same browser, had it never received that one.
   * @param {string} name
   */
  without(name) {
    const copy = this.copy();
    copy.delete(name);
    return copy;
  }

  /** A separate jar holding the same cookies (a second browser tab, or a stolen copy). */
  copy() {
    return new CookieJar(Object.fromEntries(this.#cookies), { showValues: this.#showValues });
  }

  /**
   * Sends a request (request() of http.js) with this jar's cookies and keeps the cookies it sets.
   * @param {string} method @param {string} path
   * @param {{ headers?: Record<string,string>, body?: unknown, query?: Record<string, string|number|boolean>, timeoutMs?: number, app?: any }} [options]
   */
  async send(method, path, options = {}) {
    const sent = this.header();
    const reply = await request(method, path, { ...options, headers: this.headers(options.headers) });
    if (sent !== '' && !this.#showValues) hideValues(reply.request, sent);
    this.update(reply);
    return reply;
  }
}

/**
 * Rewrites the Cookie header a request was sent with, in place (it is the object the check records),
 * so that its values read `<your sid cookie>`: they change every run.
 * @param {{ headers?: Record<string, string>, curl?: string }} sentRequest @param {string} header
 */
function hideValues(sentRequest, header) {
  const hidden = header
    .split('; ')
    .map((pair) => {
      const name = pair.slice(0, pair.indexOf('='));
      return `${name}=<your ${name} cookie>`;
    })
    .join('; ');
  for (const key of Object.keys(sentRequest.headers ?? {})) {
    if (key.toLowerCase() === 'cookie' && sentRequest.headers) sentRequest.headers[key] = hidden;
  }
  if (typeof sentRequest.curl === 'string') sentRequest.curl = sentRequest.curl.split(`cookie: ${header}`).join(`cookie: ${hidden}`);
}

/**
 * @param {SetCookieSource} source
 * @returns {string | string[] | undefined}
 */
function setCookieHeader(source) {
  if (source === undefined || source === null) return undefined;
  if (typeof source === 'string' || Array.isArray(source)) return source;
  const headers = /** @type {Record<string, unknown>} */ (
    'headers' in source && source.headers && typeof source.headers === 'object' ? source.headers : source
  );
  const key = Object.keys(headers).find((name) => name.toLowerCase() === 'set-cookie');
  if (key === undefined) return undefined;
  const value = headers[key];
  return Array.isArray(value) ? value.map(String) : value === undefined || value === null ? undefined : String(value);
}
