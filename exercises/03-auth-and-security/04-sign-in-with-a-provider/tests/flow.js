// What the sign-in tests share: a fake provider (grading/oauth-provider.js) started on 127.0.0.1 for
// this test file, the environment variables that point the app at it, and browsers with cookie jars,
// since the app remembers a sign-in in progress in a session cookie.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { request } from '../grading/http.js';
import { describeTokenRequest, startProvider } from '../grading/oauth-provider.js';

export const REDIRECT_URI = 'https://kitchen.example/callback';

/** @type {Awaited<ReturnType<typeof startProvider>>} */
export let provider;

beforeAll(async () => {
  provider = await startProvider({
    clientId: 'kitchen-check',
    clientSecret: randomBytes(18).toString('base64url'),
    redirectUri: REDIRECT_URI,
  });
  process.env.OAUTH_PROVIDER_URL = provider.url;
  process.env.OAUTH_CLIENT_ID = provider.clientId;
  process.env.OAUTH_CLIENT_SECRET = provider.clientSecret;
  process.env.OAUTH_REDIRECT_URI = REDIRECT_URI;
});

afterAll(async () => {
  await provider?.close();
});

beforeEach(() => {
  provider.reset();
  shown.clear();
});

// ---- Messages that read the same run after run --------------------------------------------------
// States, code challenges, codes and session cookies are random, and the provider's port is free
// at random: a message shows them by name ({state}, {port}), so a learner reads what matters and a
// result does not change between two checks of the same app.

/** Random value → the name it is shown by. */
const shown = new Map();

/** Shows `value` as `{name}` in every later message. */
export function showAs(value, name) {
  if (typeof value === 'string' && value.length >= 6) shown.set(value, `{${name}}`);
}

/** `text` with every random value replaced by its name. */
export function mask(text) {
  let result = String(text ?? '');
  const entries = [[provider.url, 'http://127.0.0.1:{port}'], ...shown].sort((a, b) => b[0].length - a[0].length);
  for (const [value, name] of entries) {
    for (const form of new Set([value, encodeURIComponent(value)])) result = result.split(form).join(name);
  }
  return result;
}

/** The query values of a Location that are the app's own random choices. */
const FIXED_PARAMETERS = new Set(['response_type', 'client_id', 'redirect_uri', 'scope', 'code_challenge_method']);

/**
 * A masked curl line, with a shell comment when it holds `{name}` values: they stand for the
 * grader's own sign-in, which a learner can't redo, since Run has no provider.
 */
function replayable(curl) {
  const names = [...new Set(curl.match(/\{[\w-]+\}/g) ?? [])];
  if (names.length === 0) return curl;
  const listed = names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
  return `${curl}   # ${listed} ${names.length === 1 ? 'stands for a value' : 'stand for values'} from the grader's own sign-in; Run has no provider, so this line can't be replayed as it is`;
}

/** Masks what a reply shows in a failure: its request line, curl line, cookie and body. */
function sanitize(res) {
  const sent = res.request;
  sent.path = mask(sent.path);
  sent.curl = replayable(mask(sent.curl));
  if (sent.headers.cookie !== undefined) sent.headers.cookie = mask(sent.headers.cookie);
  res.text = mask(res.text);
  return res;
}

/** A browser: it keeps the cookies the app sets and sends them back, like a real one. */
export class Browser {
  /** @type {Map<string, string>} */
  cookies = new Map();

  /** GET `path` on the app with this browser's cookies; keeps the cookies the answer sets. */
  async get(path) {
    const headers = {};
    if (this.cookies.size > 0) headers.cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    const res = await request('GET', path, { headers });
    for (const line of splitSetCookie(res.headers['set-cookie'])) {
      const [pair] = line.split(';');
      const equals = pair.indexOf('=');
      if (equals <= 0) continue;
      const [name, value] = [pair.slice(0, equals).trim(), pair.slice(equals + 1).trim()];
      this.cookies.set(name, value);
      showAs(value, 'session-cookie');
    }
    try {
      const location = new URL(res.headers.location ?? '', 'http://app.invalid');
      for (const [name, value] of location.searchParams) if (!FIXED_PARAMETERS.has(name)) showAs(value, name);
    } catch {
      // Not a URL: nothing to mask.
    }
    return sanitize(res);
  }
}

/** The Set-Cookie lines of a reply (the helpers join several with commas). */
function splitSetCookie(header) {
  if (!header) return [];
  return header.split(/,(?=\s*[^\s;,=]+=)/).map((line) => line.trim());
}

/** GET /login in `browser`; returns the reply and the parameters of its Location. */
export async function startSignIn(browser) {
  const res = await browser.get('/login');
  let params = {};
  try {
    params = Object.fromEntries(new URL(res.headers.location ?? '').searchParams);
  } catch {
    params = {};
  }
  return { res, params };
}

/**
 * GET /login, then the provider's login page, where the person approves (or declines with
 * `error`). Fails with "this needs task 1 first" when the provider refuses the app's request.
 */
export async function approve(browser, { user = provider.newUser(), error } = {}) {
  const { res } = await startSignIn(browser);
  const step = res.status >= 300 && res.status < 400 && res.headers.location
    ? provider.authorize(res.headers.location, { user, error })
    : { ok: false, problem: `GET /login answered ${res.status} instead of a redirect to the provider` };
  if (step.ok && step.code) showAs(step.code, 'code');
  if (!step.ok) {
    res.needsTask(1, false, `GET /login should send the browser to the provider with a request it accepts; the provider refused it: ${mask(step.problem)}`);
  }
  return { login: res, step, user };
}

/** The whole sign-in: /login, the provider approves, /callback. */
export async function signIn(browser, options) {
  const { step, user } = await approve(browser, options);
  const callback = await browser.get(step.callback);
  return { callback, step, user };
}

/** The token requests the app has sent in this test, in words. */
export function tokenRequestsInWords() {
  return mask(provider.tokenRequests.map(describeTokenRequest).join('; '));
}
