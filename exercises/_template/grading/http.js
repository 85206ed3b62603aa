// Test helpers for exercise authors. A test sends requests to the learner's exported app (supertest,
// no port) and asserts with helpers whose failures read like a person explaining what went wrong:
//   Task 2 · POST /orders → expected status 201, got 500
// followed by the response body and a curl line the learner can rerun against `node server.js`.
// Plain JS ESM: it runs in the Vitest worker locally and inside a WebContainer (Node 22).
import http from 'node:http';
import { isDeepStrictEqual, inspect } from 'node:util';
import supertest from 'supertest';
import { curlLine } from './curl.js';
import { settle } from './db.js';
import {
  KitchenError,
  captureLines,
  currentTaskId,
  fail,
  learnerLocation,
  readStuckTests,
  recordRequest,
  shortPaths,
  takeAppErrors,
  writeState,
} from './runtime.js';

export { KitchenError };

/** Requests that blocked the worker earlier in this check (written by the harness): "GET /x" → message. */
const stuckRequests = readStuckTests().requests ?? {};
/** Requests that got no answer earlier in this test file: "GET /x" → message. */
const noAnswer = new Map();

/** How long one request may take before the test says the app never answered. */
const REQUEST_TIMEOUT_MS = 2000;
/** The port `node server.js` uses by default, for the curl lines. */
const PORT = 3000;

// ---- Loading the learner's app and the reference app ---------------------------------------------

/** @type {Promise<any> | undefined} */
let learnerPromise;
/** @type {Promise<any> | undefined} */
let referencePromise;

/** The learner's Express app (the default export of app.js); throws a clear error if it is unusable. */
export function learnerApp() {
  learnerPromise ??= loadApp(new URL('../app.js', import.meta.url).href, 'app.js');
  return learnerPromise;
}

/** The reference solution's app, which prepareWorkspace copies to .reference/ for comparisons. */
export function referenceApp() {
  referencePromise ??= loadApp(new URL('../.reference/app.js', import.meta.url).href, 'the reference app.js');
  return referencePromise;
}

let restarts = 0;

/**
 * Imports app.js again as a new module, as if the app had been stopped and started: its top-level
 * code (opening the database, creating tables, seeding) runs again, against the same DATABASE_FILE.
 * The first app stays loaded; send requests to this one with `request(method, path, { app })`.
 */
export function restartedApp() {
  restarts += 1;
  return loadApp(new URL(`../app.js?restart=${restarts}`, import.meta.url).href, 'app.js');
}

async function loadApp(url, label) {
  let mod;
  // The harness's watchdog reads this phase: an endless loop while importing means app.js never
  // finishes loading, which no test can get past, so the whole check is an error, not a failed test.
  writeState({ phase: 'import' });
  try {
    mod = await import(url);
  } catch (error) {
    throw importError(error, label);
  } finally {
    writeState({ phase: 'test' });
  }
  // An app that starts its database with sqlite3's callbacks is still creating its tables when the
  // import ends: let those statements finish before the first request, as they would before a real
  // server's first visitor.
  await settle();
  const app = mod.default;
  if (app === undefined) {
    fail(
      `${label} has no default export, so the tests cannot reach your app. ` +
        'Add `export default app;` at the end of app.js (after your routes).',
      'MISSING_EXPORT',
    );
  }
  if (typeof app === 'function' && typeof app.handle === 'function' && typeof app.set === 'function') return app;
  fail(`${label} must default-export the Express app, but it exports ${describeExport(app)}. ${exportFix(app)}`, 'WRONG_EXPORT');
}

function describeExport(value) {
  if (value instanceof http.Server) return 'a running server (the result of app.listen())';
  if (typeof value === 'function' && typeof value.Router === 'function') return 'the express function itself';
  if (typeof value === 'function' && typeof value.handle === 'function') return 'an Express Router';
  if (typeof value === 'function') return `a function (${value.name || 'anonymous'})`;
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value} (${inspect(value)})`;
}

function exportFix(value) {
  if (value instanceof http.Server) {
    return 'Export the app itself (`export default app;`) and leave listening to server.js.';
  }
  if (typeof value === 'function' && typeof value.Router === 'function') {
    return 'Create the app with `const app = express();` and export that: `export default app;`.';
  }
  return 'Create it with `const app = express();` and end app.js with `export default app;`.';
}

/** Turns whatever importing app.js threw into a sentence with a stable code. */
function importError(error, label) {
  if (error instanceof KitchenError) return error;
  const message = shortPaths(error?.message ?? String(error));
  const where = syntaxLocation(error) ?? learnerLocation(error);
  const missing = /Cannot find (?:package|module) ['"]([^'"]+)['"]|Failed to (?:load|resolve) (?:url|import) ['"]?([^'"\s]+)/.exec(
    message,
  );
  if (missing) {
    const name = missing[1] ?? missing[2];
    if (name.startsWith('.') || name.startsWith('/')) {
      return new KitchenError(
        `${label} imports ${name}, but there is no such file in your exercise. Check the file name and its ./ path.`,
        'MODULE_NOT_FOUND',
      );
    }
    return new KitchenError(
      `${label} imports the package "${name}", which is not installed in this exercise. ` +
        'Use only the packages in package.json (express, sqlite3, bcryptjs, jsonwebtoken, zod, …) or Node built-ins.',
      'MODULE_NOT_FOUND',
    );
  }
  if (error?.name === 'SyntaxError' || /Failed to parse source|Parse failure|Transform failed|Unexpected token/.test(message)) {
    return new KitchenError(
      `${where ?? label} has a syntax error: ${firstLine(message)}. ` +
        'Look at that line and the one before it for a missing bracket, quote or comma.',
      'SYNTAX_ERROR',
    );
  }
  if (/\b(module|require|exports) is not defined/.test(message)) {
    return new KitchenError(
      `${label} uses CommonJS (${firstLine(message)}${where ? ` at ${where}` : ''}). This exercise uses ES modules: ` +
        "write `import express from 'express';` and `export default app;` instead of require/module.exports.",
      'IMPORT_CRASH',
    );
  }
  if (/process\.exit unexpectedly called/.test(message)) {
    return new KitchenError(
      `${label} called process.exit()${where ? ` at ${where}` : ''} while loading, which would stop the server. ` +
        'Remove the process.exit() call.',
      'PROCESS_EXIT',
    );
  }
  return new KitchenError(
    `${label} crashed while loading, before any test could run: ${error?.name ?? 'Error'}: ${firstLine(message)}` +
      `${where ? ` (${where})` : ''}. Fix that error first: press Run (or run \`node server.js\`) to see it too.`,
    'IMPORT_CRASH',
  );
}

function firstLine(text) {
  return String(text).split('\n')[0].replace(/\.$/, '');
}

/** `app.js:LINE` from a transform error (Vite/esbuild/oxc shapes) or undefined. */
function syntaxLocation(error) {
  const file = error?.loc?.file ?? error?.id ?? error?.filename;
  const line = error?.loc?.line ?? error?.lineNumber ?? error?.errors?.[0]?.location?.line;
  if (file && line) return `${shortPaths(file)}:${line}`;
  const fromText = /([\w./-]+\.[cm]?js):(\d+)(?::\d+)?/.exec(shortPaths(`${error?.message ?? ''}\n${error?.frame ?? ''}`));
  return fromText ? `${fromText[1]}:${fromText[2]}` : undefined;
}

// ---- Requests and replies ------------------------------------------------------------------------

/**
 * Sends one request to the learner's app and returns a Reply with assertion methods.
 * @param {string} method e.g. 'GET'
 * @param {string} path e.g. '/orders/1'
 * @param {{ headers?: Record<string,string>, body?: unknown, query?: Record<string, string|number|boolean>, timeoutMs?: number, app?: any }} [options]
 */
export async function request(method, path, options = {}) {
  const app = options.app ?? (await learnerApp());
  return send(app, method, path, options, true);
}

async function send(app, method, path, options, record) {
  const verb = method.toUpperCase();
  const fullPath = withQuery(path, options.query);
  const headers = { ...(options.headers ?? {}) };
  let body;
  if (options.body !== undefined) {
    if (typeof options.body === 'string') {
      body = options.body;
    } else {
      body = JSON.stringify(options.body);
      if (!Object.keys(headers).some((name) => name.toLowerCase() === 'content-type')) {
        headers['content-type'] = 'application/json';
      }
    }
  }
  const sent = { method: verb, path: fullPath, headers, body, curl: curlLine({ method: verb, path: fullPath, headers, body }, `http://localhost:${PORT}`) };
  if (record) {
    recordRequest(sent);
    writeState({ request: sent, task: currentTaskId() });
  }

  // A request that already hung in this check fails at once with the same explanation: waiting
  // again would only spend the learner's time limit on a known answer.
  const known = stuckRequests[`${verb} ${fullPath}`] ?? noAnswer.get(`${verb} ${fullPath}`);
  if (known) fail(known.replace(/^Task [^ ]+ ·/, `Task ${currentTaskId() ?? '?'} ·`), 'NO_RESPONSE');

  // A fresh server per request, created here rather than by app.listen(), so an app that replaced
  // listen() or already listens elsewhere is still reached the same way.
  const server = http.createServer(app);
  let test = supertest(server)[verb.toLowerCase()](fullPath);
  for (const [name, value] of Object.entries(headers)) test = test.set(name, value);
  if (body !== undefined) test = test.send(body);
  const timeoutMs = options.timeoutMs ?? REQUEST_TIMEOUT_MS;
  test = test
    .timeout({ response: timeoutMs, deadline: timeoutMs + 500 })
    .buffer(true)
    .parse((res, done) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => done(null, text));
    })
    .ok(() => true);
  let res;
  try {
    res = await test;
  } catch (caught) {
    /** @type {{ timeout?: unknown, code?: string, message?: string } | undefined} */
    const error = /** @type {any} */ (caught);
    const frame = `Task ${currentTaskId() ?? '?'} · ${verb} ${fullPath} →`;
    if (error?.timeout || error?.code === 'ECONNABORTED') {
      const message =
        `${frame} no response within ${timeoutMs / 1000} s. Every request must end with res.json(), res.send() ` +
        `or res.end(): does the route for ${verb} ${path} forget to answer, or wait for something that never happens?` +
        `\n\nTry it yourself: press Run and send it from the Request tab, or run \`node server.js\` and use:\n  ${sent.curl}`;
      noAnswer.set(`${verb} ${fullPath}`, message);
      fail(message, 'NO_RESPONSE');
    }
    fail(`${frame} the connection failed (${error?.code ?? error?.message}). Did your app crash?\n\nTry it yourself:\n  ${sent.curl}`);
  }
  return new Reply(sent, res, app);
}

function withQuery(path, query) {
  if (!query || Object.keys(query).length === 0) return path;
  const search = new URLSearchParams(
    Object.entries(query).map(([k, v]) => /** @type {[string, string]} */ ([k, String(v)])),
  ).toString();
  return `${path}${path.includes('?') ? '&' : '?'}${search}`;
}

function excerpt(text, limit = 600, contentType = '') {
  if (text === undefined || text === '') return '(empty body)';
  // Express's default pages (404 "Cannot GET /x", 500 with a stack) are HTML: show just their words.
  if (/html/i.test(contentType)) {
    text = text
      .replace(/<(head|style|script)[\s\S]*?<\/\1>/gi, '')
      .replace(/<br\s*\/?>/gi, '\n')
      .replace(/<[^>]+>/g, '')
      .replace(/&nbsp;/g, ' ')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, '&')
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean)
      .join('\n');
  }
  return text.length > limit ? `${text.slice(0, limit)}… (${text.length - limit} more characters)` : text;
}

function show(value) {
  return value === undefined ? 'no JSON body' : JSON.stringify(value);
}

/**
 * A string for a message, quoted, with its length when that matters: long values are shortened in the
 * middle, and with `maxLength` the message says both numbers, e.g. `"xxxx…xxxx" (65 characters; at
 * most 64)`, so a learner sees which limit was broken without counting.
 * @param {unknown} value @param {{ maxLength?: number }} [options]
 */
export function describeText(value, { maxLength } = {}) {
  if (typeof value !== 'string') return show(value);
  const quoted = JSON.stringify(value.length > 40 ? `${value.slice(0, 24)}…${value.slice(-12)}` : value);
  if (maxLength !== undefined) {
    const most = value.length > maxLength ? `; at most ${maxLength}` : value.length === maxLength ? ', the most allowed' : '';
    return `${quoted} (${value.length} character${value.length === 1 ? '' : 's'}${most})`;
  }
  return value.length > 40 ? `${quoted} (${value.length} characters)` : quoted;
}

// ---- Reading patterns and Express's own pages in words ---------------------------------------------

/** Content types tests ask for, in the words a learner knows them by. */
const MEDIA_TYPES = [
  ['application/json', 'a JSON content type (application/json)'],
  ['json', 'a JSON content type (application/json)'],
  ['text/html', 'an HTML content type (text/html)'],
  ['html', 'an HTML content type (text/html)'],
  ['text/plain', 'a plain-text content type (text/plain)'],
  ['text/csv', 'a CSV content type (text/csv)'],
];

/** What a header check expects, as words that finish "expected …". */
function describeHeaderExpectation(name, expected) {
  if (!(expected instanceof RegExp)) return `the ${name} header ${JSON.stringify(String(expected))}`;
  const literal = literalOf(expected);
  if (name === 'content-type' && literal && !literal.start && !literal.end) {
    const known = MEDIA_TYPES.find(([type]) => type === literal.text.toLowerCase());
    if (known) return known[1];
  }
  return `a ${name} header ${describePattern(expected)}`;
}

/**
 * A regular expression in words: "containing "abc"", "starting with "abc"", "exactly "abc"" (plus
 * "in any case" for the i flag); a pattern with more than plain characters is quoted as a pattern.
 * @param {RegExp} pattern
 */
export function describePattern(pattern) {
  const literal = literalOf(pattern);
  if (!literal) return `that fits the pattern "${pattern.source}"`;
  const text = JSON.stringify(literal.text);
  const anyCase = pattern.flags.includes('i') && /[a-z]/i.test(literal.text) ? ', in any case' : '';
  if (literal.start && literal.end) return `that is exactly ${text}${anyCase}`;
  if (literal.start) return `starting with ${text}${anyCase}`;
  if (literal.end) return `ending with ${text}${anyCase}`;
  return `containing ${text}${anyCase}`;
}

/** `{ text, start, end }` when a pattern is plain characters (escapes allowed) between optional ^ and $. */
function literalOf(pattern) {
  let source = pattern.source;
  const start = source.startsWith('^');
  const end = source.endsWith('$') && !source.endsWith('\\$');
  source = source.slice(start ? 1 : 0, end ? -1 : undefined);
  // \b around a word changes nothing a learner needs to know.
  source = source.replace(/^\\b|\\b$/g, '');
  if (!/^(?:[^\\^$.*+?()[\]{}|]|\\[^a-zA-Z0-9])*$/.test(source) || source === '') return undefined;
  return { text: source.replace(/\\(.)/g, '$1'), start, end };
}

/**
 * Express's built-in HTML page (finalhandler), when it answered instead of the app:
 * `{ notFound: 'GET /x' }` for its 404 page, `{ error: 'first line' }` for an error it caught.
 */
function expressDefaultPage(reply) {
  if (!/\bhtml\b/i.test(reply.headers['content-type'] ?? '')) return undefined;
  const match = /<title>Error<\/title>[\s\S]*?<pre>([\s\S]*?)<\/pre>/i.exec(reply.text);
  if (!match) return undefined;
  const text = excerpt(match[1], 10_000, 'text/html');
  const cannot = /^Cannot ([A-Z]+) (\S+)$/.exec(text.trim());
  if (cannot && reply.status === 404) return { notFound: `${cannot[1]} ${decodeSafely(cannot[2])}` };
  const first = shortPaths(text.split('\n')[0].trim());
  // "Internal Server Error" alone (production mode) says nothing more than the status does.
  return { error: first === '' || /^[A-Z][a-z]+(?: [A-Z][a-z]+)*$/.test(first) ? undefined : first.slice(0, 160) };
}

function decodeSafely(text) {
  try {
    return decodeURI(text);
  } catch {
    return text;
  }
}

/** " The routes your app answers: GET /menu, GET /menu/:id. …" from the app's router, or ''. */
function routeSummary(app, request) {
  const routes = routesOf(app);
  if (routes === undefined) return '';
  if (routes.length === 0) return ' Your app has no routes yet: add one with app.get(…), app.post(…) and the like.';
  const shown = routes.slice(0, 12).join(', ');
  const more = routes.length > 12 ? ` and ${routes.length - 12} more` : '';
  return ` The routes your app answers: ${shown}${more}. If one of them should answer ${request}, check its method and its path.`;
}

/**
 * The routes an Express 5 app answers, as "GET /menu/:id", read from its router stack (routers
 * mounted with app.use(path, router) included; sub-apps and pattern paths best effort), or undefined
 * when the app has no router to read.
 */
export function routesOf(app) {
  const stack = app?.router?.stack ?? app?._router?.stack;
  if (!Array.isArray(stack)) return undefined;
  const found = [];
  collectRoutes(stack, '', found, 0);
  return [...new Set(found)];
}

function collectRoutes(stack, prefix, found, depth) {
  if (depth > 8) return;
  for (const layer of stack) {
    const route = layer?.route;
    if (route) {
      let methods = Object.keys(route.methods ?? {})
        .filter((method) => route.methods[method])
        .map((method) => (method === '_all' ? 'ALL' : method.toUpperCase()));
      // app.all() registers every method Node knows, one by one.
      if (methods.length > 20) methods = ['ALL'];
      for (const path of [route.path].flat()) {
        for (const method of methods) found.push(`${method} ${joinPaths(prefix, pathText(path))}`);
      }
      continue;
    }
    const inner = layer?.handle?.stack ?? layer?.handle?.router?.stack;
    if (Array.isArray(inner)) {
      for (const mount of [layer.rawPath ?? layer.path ?? '/'].flat()) {
        collectRoutes(inner, joinPaths(prefix, pathText(mount)), found, depth + 1);
      }
    }
  }
}

function pathText(path) {
  return typeof path === 'string' ? path : String(path);
}

function joinPaths(prefix, path) {
  const joined = `${prefix.replace(/\/$/, '')}/${path.replace(/^\//, '')}`;
  return joined.length > 1 ? joined.replace(/\/$/, '') : joined;
}

/** A response from the learner's app, with assertions that explain themselves. */
export class Reply {
  /** The app that answered, for listing its routes when it answered with Express's 404 page. */
  #app;
  /** The status the test expected, so a 404 the test asked for is not explained as a missing route. */
  #expectedStatus;

  constructor(sent, res, app) {
    this.#app = app;
    /** The request that produced this reply: { method, path, headers, body, curl }. */
    this.request = sent;
    /** @type {number} */
    this.status = res.status;
    /** Response headers with lower-case names. @type {Record<string, string>} */
    this.headers = Object.fromEntries(Object.entries(res.headers).map(([k, v]) => [k.toLowerCase(), String(v)]));
    /** The raw response text. @type {string} */
    this.text = typeof res.body === 'string' ? res.body : (res.text ?? '');
    /** The parsed JSON body, or undefined when the body is not JSON. */
    this.body = undefined;
    if (/\bjson\b/i.test(this.headers['content-type'] ?? '') && this.text !== '') {
      try {
        this.body = JSON.parse(this.text);
      } catch {
        this.body = undefined;
      }
    }
  }

  /**
   * Express's built-in HTML page, when it answered instead of the app: `{ notFound: 'GET /x' }` for
   * its 404 page (no route matched), `{ error: 'Error: …' }` for an error no handler of the app
   * answered; undefined for anything the app sent itself.
   */
  get expressPage() {
    return expressDefaultPage(this);
  }

  /** Throws a learner-facing failure framed with the task and the request. */
  fail(what, { showBody = true } = {}) {
    const lines = [`Task ${currentTaskId() ?? '?'} · ${this.request.method} ${this.request.path} → ${what}`];
    // An app error during the request (process.exit, an unhandled rejection) is the likelier cause.
    const [appError] = takeAppErrors();
    if (appError) lines.push('', appError.replace(/^Task [^ ]+ · y/, 'Y'));
    else {
      const note = this.#defaultPageNote();
      if (note) lines.push('', note);
    }
    if (showBody) lines.push('', `Response (${this.status}):`, `  ${excerpt(shortPaths(this.text), 600, this.headers['content-type']).split('\n').join('\n  ')}`);
    lines.push('', 'Try it yourself: press Run and send it from the Request tab, or run `node server.js` and use:', `  ${this.request.curl}`);
    fail(lines.join('\n'));
  }

  /** A sentence explaining Express's built-in HTML page when it answered, or undefined. */
  #defaultPageNote() {
    const page = expressDefaultPage(this);
    if (!page) return undefined;
    if (page.notFound) {
      if (this.#expectedStatus === 404) {
        return `That is Express's built-in "not found" page: nothing in your app answered ${page.notFound}.`;
      }
      return `That is Express's built-in "not found" page: no route in your app matches ${page.notFound}.${routeSummary(this.#app, page.notFound)}`;
    }
    return (
      `That HTML page is Express's built-in error page${page.error ? `, for "${page.error}"` : ''}: an error reached Express ` +
      'and no error handler of your app answered it. An error handler has four parameters, (err, req, res, next), ' +
      'and is added with app.use(…) after the routes.'
    );
  }

  /** @param {number} code */
  expectStatus(code) {
    this.#expectedStatus = code;
    if (this.status !== code) this.fail(`expected status ${code}, got ${this.status}`);
    return this;
  }

  /**
   * The header `name` equals `expected` (a string) or matches it (a RegExp). The message describes the
   * expectation in words: the common content types by name ("a JSON content type"), other patterns as
   * "containing …"/"starting with …", or as `description` says ("an id of 1 to 64 letters").
   * @param {string} name @param {string | RegExp} expected @param {string} [description]
   */
  expectHeader(name, expected, description) {
    const key = name.toLowerCase();
    const actual = this.headers[key];
    const what = description ?? describeHeaderExpectation(key, expected);
    if (actual === undefined) this.fail(`expected ${what}, but the response has no ${key} header`);
    let ok = actual === expected;
    if (expected instanceof RegExp) {
      expected.lastIndex = 0;
      ok = expected.test(actual);
    }
    if (!ok) this.fail(`expected ${what}; got ${key}: ${JSON.stringify(actual)}`);
    return this;
  }

  /** @param {string} name */
  expectNoHeader(name) {
    const actual = this.headers[name.toLowerCase()];
    if (actual !== undefined) this.fail(`expected no ${name} header, but got "${actual}"`);
    return this;
  }

  /** Deep equality with the JSON body. */
  expectJson(expected) {
    this.requireJson(expected);
    if (!isDeepStrictEqual(this.body, expected)) {
      this.fail(`expected the JSON body ${show(expected)}, got ${show(this.body)}`, { showBody: false });
    }
    return this;
  }

  /** Every key in `subset` must be in the body with an equal value (objects compared recursively). */
  expectJsonContaining(subset) {
    this.requireJson(subset);
    const difference = firstMissing(this.body, subset, 'body');
    if (difference) this.fail(`expected the JSON body to contain ${show(subset)}: ${difference}`, { showBody: false });
    return this;
  }

  /** Status `status`, a JSON content type and a body `{ error: <non-empty string> }`. */
  expectError(status) {
    this.expectStatus(status);
    this.requireJson({ error: '…' });
    if (typeof this.body?.error !== 'string' || this.body.error.trim() === '') {
      this.fail(`expected a JSON body like { "error": "what went wrong" }, got ${show(this.body)}`);
    }
    return this;
  }

  /** A custom check with the same framing: `reply.expect(reply.body.length === 3, 'three dishes')`. */
  expect(condition, whatWasExpected) {
    if (!condition) this.fail(`expected ${whatWasExpected}`);
    return this;
  }

  /**
   * For a test that needs an earlier task's behaviour: when `condition` is false, fails with "this
   * needs task N first" and `what` (what task N should make the app do), instead of failing on the
   * details of task N, which its own tests report.
   * `placed.needsTask(1, placed.body?.id !== undefined, 'POST /orders should answer 201 with the new order')`
   * @param {number | string} task @param {unknown} condition @param {string} what
   */
  needsTask(task, condition, what) {
    if (condition) return this;
    this.fail(`this needs task ${task} first: ${what}. Make task ${task} pass, then check this one again.`);
  }

  requireJson(expected) {
    if (this.body !== undefined) return;
    const type = this.headers['content-type'];
    if (expressDefaultPage(this)) {
      this.fail(`expected a JSON body like ${show(expected)}, but Express's built-in HTML page answered`);
    }
    if (!type || !/\bjson\b/i.test(type)) {
      this.fail(
        `expected a JSON body like ${show(expected)}, but the content-type is ${type ? `"${type}"` : 'missing'}. ` +
          'Send it with res.json(…)',
      );
    }
    this.fail(`expected a JSON body like ${show(expected)}, but the body is not valid JSON`);
  }
}

function firstMissing(actual, expected, where) {
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual) !== Array.isArray(expected)) {
      return `${where} should be ${Array.isArray(expected) ? 'an array' : 'an object'}, got ${show(actual)}`;
    }
    if (Array.isArray(expected) && actual.length < expected.length) {
      return `${where} should have at least ${expected.length} items, got ${actual.length}`;
    }
    for (const key of Object.keys(expected)) {
      const path = Array.isArray(expected) ? `${where}[${key}]` : `${where}.${key}`;
      if (!Array.isArray(expected) && !(key in actual)) return `${path} is missing`;
      const inner = firstMissing(actual[key], expected[key], path);
      if (inner) return inner;
    }
    return undefined;
  }
  return isDeepStrictEqual(actual, expected) ? undefined : `${where} should be ${show(expected)}, got ${show(actual)}`;
}

// ---- Console capture -----------------------------------------------------------------------------

/** Runs `fn` and returns the lines the app printed (console.log and friends) while it ran. */
export function captureConsole(fn) {
  return captureLines(fn);
}

// ---- Comparing with the reference solution -------------------------------------------------------

/**
 * Sends the same request to the learner's app and to the reference app and throws naming the first
 * difference: the status, a header (content-type by default), or the JSON shape (keys and value types;
 * values too with `exact: true`). Returns both replies for further checks.
 * @param {string} method @param {string} path
 * @param {{ headers?: Record<string,string>, body?: unknown, query?: Record<string, string|number|boolean>, compareHeaders?: string[], exact?: boolean }} [options]
 */
export async function compareWithReference(method, path, options = {}) {
  const [learner, reference] = [await learnerApp(), await referenceApp()];
  const mine = await send(learner, method, path, options, true);
  const theirs = await send(reference, method, path, options, false);
  if (mine.status !== theirs.status) {
    mine.fail(`the status differs from the reference solution: yours is ${mine.status}, the reference answers ${theirs.status}`);
  }
  for (const name of options.compareHeaders ?? ['content-type']) {
    const a = mediaType(mine.headers[name.toLowerCase()]);
    const b = mediaType(theirs.headers[name.toLowerCase()]);
    if (a !== b) {
      mine.fail(`the ${name} header differs from the reference solution: yours is ${a ?? 'missing'}, the reference sends ${b ?? 'none'}`);
    }
  }
  const difference = options.exact
    ? firstMissing(mine.body, theirs.body, 'body') ?? firstMissing(theirs.body, mine.body, 'body')
    : shapeDifference(mine.body, theirs.body, 'body');
  if (difference) mine.fail(`the JSON differs from the reference solution: ${difference}`);
  return { learner: mine, reference: theirs };
}

function mediaType(value) {
  return value === undefined ? undefined : value.split(';')[0].trim().toLowerCase();
}

function kind(value) {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function shapeDifference(mine, theirs, where) {
  if (kind(mine) !== kind(theirs)) return `${where} is ${kind(mine)} in yours, ${kind(theirs)} in the reference`;
  if (Array.isArray(theirs)) {
    if (mine.length !== theirs.length) return `${where} has ${mine.length} items in yours, ${theirs.length} in the reference`;
    for (let i = 0; i < theirs.length; i++) {
      const inner = shapeDifference(mine[i], theirs[i], `${where}[${i}]`);
      if (inner) return inner;
    }
    return undefined;
  }
  if (theirs !== null && typeof theirs === 'object') {
    for (const key of Object.keys(theirs)) {
      if (!(key in mine)) return `${where}.${key} is missing in yours`;
      const inner = shapeDifference(mine[key], theirs[key], `${where}.${key}`);
      if (inner) return inner;
    }
    for (const key of Object.keys(mine)) {
      if (!(key in theirs)) return `${where}.${key} is in yours but not in the reference`;
    }
  }
  return undefined;
}
