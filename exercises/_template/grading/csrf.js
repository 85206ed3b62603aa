// @ts-check
// The attacker, for exercises about cross-site request forgery (CSRF). A CSRF attack is a page on
// another site that makes the victim's browser send a request to your app: the browser adds the
// victim's cookies on its own, so the app sees a signed-in person asking for a change they never
// chose. These helpers play both sides over HTTP:
//
//   const jar = new CookieJar();                                         // one browser
//   await browserRequest('POST', '/login', { jar, fields: { name, password } });
//   const page = await browserRequest('GET', '/account', { jar });
//   const [form] = formsIn(page.text, { action: '/account/email' });   // { action, method, fields, hidden }
//   const res = await crossSitePost('/account/email', { jar, fields: { email: 'x@attacker.example' } });
//   res.expectStatus(403);   // the message frames the request; describeAttack(res) says what it was
//
// What the results show of these requests names cookies (`connect.sid=…`) rather than printing their
// values, and prints the fields you choose as words, so a check reads the same on every run.
//
// The grader is not a browser: the jar sends every cookie it holds, whatever its SameSite, Secure,
// Domain or Path, as an older browser without SameSite would. That is deliberate: these checks test
// the app's own defence (its CSRF token), which must hold where SameSite does not (older browsers, a
// page on a sibling subdomain, which is the same site). Test SameSite itself by reading the
// attributes `setCookies()` returns.
import { randomBytes } from 'node:crypto';
import { CookieJar, setCookiesOf } from './cookies.js';
import { curlLine } from './curl.js';
import { request } from './http.js';

/** The site a cross-site attack comes from, unless a test names another. */
export const ATTACKER_ORIGIN = 'https://attacker.example';

/** The content type of an HTML form's body, for `request(…, { headers: FORM })`. */
export const FORM = Object.freeze({ 'content-type': 'application/x-www-form-urlencoded' });

// ---- Cookies -----------------------------------------------------------------------------------

/** @typedef {import('./cookies.js').Cookie} SetCookie One cookie from a Set-Cookie header (cookies.js). */

/**
 * The cookies a reply sets, in order (cookies.js reads them: one parser for every exercise).
 * @param {{ headers: Record<string, unknown> }} reply
 * @returns {SetCookie[]}
 */
export function setCookies(reply) {
  return setCookiesOf(reply);
}

/**
 * A cookie in words for a message: `connect.sid (HttpOnly, Path=/, SameSite=Lax)`, or
 * `connect.sid (no attributes)`.
 * @param {SetCookie} cookie
 */
export function describeCookie(cookie) {
  const names = { httponly: 'HttpOnly', samesite: 'SameSite', path: 'Path', secure: 'Secure', domain: 'Domain', expires: 'Expires', 'max-age': 'Max-Age' };
  const shown = Object.entries(cookie.attributes).map(([key, value]) => {
    const label = names[/** @type {keyof typeof names} */ (key)] ?? key;
    return value === true ? label : `${label}=${value}`;
  });
  return `${cookie.name} (${shown.length > 0 ? shown.join(', ') : 'no attributes'})`;
}

// The browser's cookie jar is cookies.js's, one for every exercise (`update`, `headers`, `set`,
// `without`); it is re-exported here so an attack reads as one import.
export { CookieJar };

// ---- Forms in HTML -----------------------------------------------------------------------------

/**
 * @typedef {object} HtmlForm A form read from a page.
 * @property {string} action The action attribute as written ('' when there is none).
 * @property {string} method Upper-case, GET when there is none.
 * @property {Record<string, string>} fields Every named input, select and textarea with its value
 *   (the first one of a name wins; unchecked checkboxes are left out, as a browser leaves them).
 * @property {Record<string, string>} hidden The `type="hidden"` inputs only.
 */

/**
 * The forms in a page, read tag by tag (attributes in any order and quoting, entities decoded,
 * comments and scripts skipped). With `action`, only the forms whose action is that path, written as
 * a path or as a full URL ending in it.
 * @param {string} html
 * @param {{ action?: string }} [options]
 * @returns {HtmlForm[]}
 */
export function formsIn(html, { action } = {}) {
  const text = String(html).replace(/<!--[\s\S]*?-->/g, '').replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, '');
  /** @type {HtmlForm[]} */
  const forms = [];
  const formPattern = /<form\b([^>]*)>([\s\S]*?)(?:<\/form\s*>|(?=<form\b)|$)/gi;
  for (const match of text.matchAll(formPattern)) {
    const attributes = attributesOf(match[1]);
    /** @type {HtmlForm} */
    const form = { action: attributes.action ?? '', method: (attributes.method ?? 'get').toUpperCase(), fields: {}, hidden: {} };
    for (const tag of match[2].matchAll(/<(input|select|textarea|button)\b([^>]*)>([\s\S]*?<\/textarea\s*>)?/gi)) {
      const kind = tag[1].toLowerCase();
      const field = attributesOf(tag[2]);
      const name = field.name;
      if (name === undefined || name === '' || kind === 'button' || name in form.fields) continue;
      const type = (field.type ?? 'text').toLowerCase();
      if (kind === 'input' && ['submit', 'button', 'image', 'reset', 'file'].includes(type)) continue;
      if (kind === 'input' && ['checkbox', 'radio'].includes(type) && !('checked' in field)) continue;
      let value = field.value ?? (kind === 'input' && ['checkbox', 'radio'].includes(type) ? 'on' : '');
      if (kind === 'textarea') value = decodeEntities((tag[3] ?? '').replace(/<\/textarea\s*>$/i, ''));
      form.fields[name] = value;
      if (kind === 'input' && type === 'hidden') form.hidden[name] = value;
    }
    forms.push(form);
  }
  if (action === undefined) return forms;
  return forms.filter((form) => actionPath(form.action) === action);
}

/** The path of a form action: `http://localhost:3000/account/email?x=1` → `/account/email`. */
function actionPath(action) {
  try {
    return new URL(action, 'http://app.invalid').pathname;
  } catch {
    return action;
  }
}

/** @param {string} source @returns {Record<string, string>} lower-case names; a bare attribute is '' */
function attributesOf(source) {
  /** @type {Record<string, string>} */
  const attributes = {};
  for (const match of source.matchAll(/([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g)) {
    const name = match[1].toLowerCase();
    if (!(name in attributes)) attributes[name] = decodeEntities(match[2] ?? match[3] ?? match[4] ?? '');
  }
  return attributes;
}

/** @param {string} text */
function decodeEntities(text) {
  /** @type {Record<string, string>} */
  const named = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, entity) => {
    if (entity[0] === '#') {
      const code = entity[1] === 'x' || entity[1] === 'X' ? parseInt(entity.slice(2), 16) : Number(entity.slice(1));
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return named[entity.toLowerCase()] ?? whole;
  });
}

/**
 * A form body as a browser sends it (application/x-www-form-urlencoded): `email=a%40b.example&_csrf=…`.
 * @param {Record<string, string>} fields
 */
export function formBody(fields) {
  return new URLSearchParams(fields).toString();
}

// ---- The attacker ------------------------------------------------------------------------------

/**
 * A token the app never made: random characters of the same length and alphabet as `like` (hex stays
 * hex), 64 hex characters when there is nothing to imitate.
 * @param {string} [like]
 */
export function forgeToken(like) {
  const length = like && like.length > 0 ? like.length : 64;
  const hex = !like || /^[0-9a-f]+$/i.test(like);
  const alphabet = hex ? '0123456789abcdef' : 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let token = '';
  while (token.length < length) {
    for (const byte of randomBytes(length)) if (token.length < length) token += alphabet[byte % alphabet.length];
  }
  return token === like ? forgeToken(like) : token;
}

/** What each attack reply was, for `describeAttack`. */
const attacks = new WeakMap();

/**
 * Sends a request from one browser: the jar's cookies go with it, and the cookies the reply sets go
 * into the jar. With `fields`, the body is an HTML form's. What the results show of the request (its
 * headers, body and curl line) names the cookies instead of printing their values, and prints the
 * fields named in `shown` as those words (`{ _csrf: "<Ben's token>" }`), so a check reads the same
 * on every run and shows no session of the learner's:
 * `curl -i -X POST http://localhost:3000/account/email -H 'cookie: connect.sid=…' --data-raw 'email=a%40b.example&_csrf=<Ben's token>'`.
 * @param {string} method @param {string} path
 * `timeoutMs` is passed on to `request` (e.g. for a sign-in that checks a slow password hash).
 * @param {{ jar: CookieJar, headers?: Record<string, string>, fields?: Record<string, string>, shown?: Record<string, string>, app?: any, timeoutMs?: number }} options
 */
export async function browserRequest(method, path, { jar, headers = {}, fields, shown = {}, app, timeoutMs }) {
  const sentHeaders = /** @type {Record<string, string>} */ ({ ...(fields ? FORM : {}), ...headers, ...jar.headers() });
  const reply = await request(method, path, { app, headers: sentHeaders, body: fields ? formBody(fields) : undefined, timeoutMs });
  jar.update(reply);
  const sent = reply.request;
  if (sent.headers.cookie !== undefined) {
    sent.headers.cookie = sent.headers.cookie
      .split('; ')
      .map((pair) => `${pair.split('=')[0]}=…`)
      .join('; ');
  }
  if (fields) {
    sent.body = Object.entries(fields)
      .map(([name, value]) => `${encodeURIComponent(name)}=${name in shown ? shown[name] : encodeURIComponent(value).replace(/%20/g, '+')}`)
      .join('&');
  }
  sent.curl = curlLine(sent, 'http://localhost:3000');
  return reply;
}

/**
 * A form the attacker's page submits to the app through the victim's browser: a POST with the
 * victim's cookies (every cookie in `jar`) and an HTML form body. With an `origin` (the default is
 * https://attacker.example) it carries the headers a current browser adds to a cross-site form post,
 * Origin, Referer and Sec-Fetch-Site/Mode/Dest; with `origin: null` none of them, as an older browser
 * (or a tool like curl) sends it, so that only the app's own token check can stop it. `shown` as in
 * `browserRequest`; `victim` names whose browser it is, for `describeAttack`.
 * @param {string} path e.g. '/account/email'
 * @param {{ jar: CookieJar, fields: Record<string, string>, shown?: Record<string, string>, origin?: string | null, victim?: string, app?: any, method?: string }} options
 */
export async function crossSitePost(path, { jar, fields, shown, origin = ATTACKER_ORIGIN, victim, app, method = 'POST' }) {
  /** @type {Record<string, string>} */
  const headers = {};
  if (origin !== null) {
    Object.assign(headers, {
      origin,
      referer: `${origin}/`,
      'sec-fetch-site': 'cross-site',
      'sec-fetch-mode': 'navigate',
      'sec-fetch-dest': 'document',
    });
  }
  const cookies = jar.names();
  const reply = await browserRequest(method, path, { jar, headers, fields, shown, app });
  attacks.set(reply, { path, method, fields, origin, cookies, victim });
  return reply;
}

/**
 * The attack behind a `crossSitePost` reply in words, to start a failure message with:
 * 'a page on https://attacker.example submitted a form to POST /account/email with Ana's cookies
 * (connect.sid) and the fields email, _csrf' ("the signed-in person's cookies" without a victim).
 * @param {object} reply a reply from crossSitePost
 */
export function describeAttack(reply) {
  const attack = attacks.get(reply);
  if (!attack) return 'the request';
  const from =
    attack.origin === null
      ? 'a page on another site submitted a form (from an older browser, which sends no Origin header)'
      : `a page on ${attack.origin} submitted a form`;
  const whose = attack.victim ? `${attack.victim}'s` : "the signed-in person's";
  const cookies = attack.cookies.length > 0 ? `${whose} cookies (${attack.cookies.join(', ')})` : 'no cookies';
  const names = Object.keys(attack.fields);
  const fields = names.length > 0 ? `the field${names.length === 1 ? '' : 's'} ${names.join(', ')}` : 'no fields';
  return `${from} to ${attack.method} ${attack.path} with ${cookies} and ${fields}`;
}
