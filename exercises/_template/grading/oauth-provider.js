// @ts-check
// A fake OAuth 2.0 / OpenID Connect provider for exercises where the learner's app signs people in
// through "someone else's" login page. The test starts it on 127.0.0.1 with a free port (node:http, in
// the test's own process, so the learner's app reaches it with fetch like any real provider), points
// the app at it through environment variables, and reads what it received to explain failures:
// "the provider's token endpoint received no code_verifier".
//
//   const provider = await startProvider({ clientId: 'kitchen-app', clientSecret: 's3cret',
//     redirectUri: 'https://kitchen.example/callback' });
//   process.env.PROVIDER_URL = provider.url;        // http://127.0.0.1:PORT
//   const step = provider.authorize(location, { user: provider.newUser() }); // the person says yes
//   // step.ok → step.callback is "/callback?code=…&state=…", the path the browser is sent back to
//   provider.tokenRequests  // every POST /token, with what was wrong about it (or problem: undefined)
//   await provider.close();
//
// Endpoints (RFC 6749, RFC 7636, OpenID Connect Core 1.0):
//   GET  /authorize   the person "approves" at once: 302 to redirect_uri with code and state, or with
//                     error=… when the request is wrong (same checks as authorize() below)
//   POST /token       grant_type=authorization_code, form-encoded; client authentication by HTTP Basic
//                     or client_id + client_secret in the form; the code must be unused, issued to this
//                     client, for this redirect_uri, and the code_verifier must hash (S256) to the
//                     code_challenge. Answers { access_token, token_type, expires_in, scope, id_token }.
//   GET  /userinfo    Authorization: Bearer <access_token> → { sub, name, email }
// `provider.strict` (true by default, and again after reset()) refuses an authorize request without a
// PKCE code_challenge (S256, or plain as RFC 7636 allows) and a token request whose redirect_uri or
// code_verifier does not match. Set it to false for tests that judge a later step on its own: the
// provider then accepts any challenge and issues tokens anyway, keeping the problem on the record.
// The id_token is a JWT signed with HS256 and the client secret (OpenID Connect Core 10.1), with iss
// (the provider's url), aud (the client id), sub, name, email, iat, exp and the nonce when one was sent.
import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import { base64url, signToken } from './tokens.js';

export { base64url };

/**
 * @typedef {{ sub: string, name: string, email: string }} User
 * @typedef {{ clientId: string, redirectUri: string, user: User, codeChallenge: string | undefined, codeChallengeMethod: string,
 *   nonce: string | undefined, scope: string, used: boolean, issuedAt: number }} CodeGrant
 * (codeChallenge is undefined when the authorize request had none, which only a lenient provider accepts.)
 * @typedef {{ ok: true, code: string, state: string | undefined, callback: string, params: Record<string, string> }
 *   | { ok: false, problem: string, params: Record<string, string> }} AuthorizeResult
 * @typedef {{ method: string, path: string, headers: Record<string, string | string[] | undefined>, contentType: string,
 *   body: string, form: Record<string, string>, clientAuth: 'basic' | 'form' | 'none', problem: string | undefined,
 *   status: number }} TokenRequest
 * @typedef {{ authorization: string | undefined, problem: string | undefined, status: number }} UserinfoRequest
 * @typedef {{ url: string, strict: boolean, clientId: string, clientSecret: string, redirectUri: string,
 *   authorize: (location: string, options?: { user?: User, error?: string }) => AuthorizeResult,
 *   newUser: () => User, tokenRequests: TokenRequest[], userinfoRequests: UserinfoRequest[],
 *   authorizeRequests: Record<string, string>[], reset: () => void, close: () => Promise<void> }} Provider
 */

const VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;

/** The S256 code_challenge of a code_verifier: BASE64URL(SHA256(ASCII(verifier))). @param {string} verifier */
export function s256(verifier) {
  return base64url(createHash('sha256').update(verifier, 'ascii').digest());
}

/** A JWT signed with HS256 and `secret` (tokens.js builds it). @param {Record<string, unknown>} payload @param {string} secret */
export function signHs256(payload, secret) {
  return signToken(payload, secret);
}

/**
 * Starts the provider on 127.0.0.1 with a free port.
 * @param {{ clientId: string, clientSecret: string, redirectUri: string }} client the one registered client
 * @returns {Promise<Provider>}
 */
export async function startProvider({ clientId, clientSecret, redirectUri }) {
  /** @type {Map<string, CodeGrant>} */
  const codes = new Map();
  /** @type {Map<string, User>} */
  const accessTokens = new Map();
  /** @type {TokenRequest[]} */
  const tokenRequests = [];
  /** @type {UserinfoRequest[]} */
  const userinfoRequests = [];
  /** @type {Record<string, string>[]} */
  const authorizeRequests = [];
  let users = 0;

  const server = http.createServer((req, res) => {
    const requested = new URL(req.url ?? '/', 'http://provider.invalid');
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      try {
        if (req.method === 'GET' && requested.pathname === '/authorize') return authorizeOverHttp(requested, res);
        if (req.method === 'POST' && requested.pathname === '/token') return token(req, body, res);
        if (req.method === 'GET' && requested.pathname === '/userinfo') return userinfo(req, res);
        json(res, 404, { error: 'not_found', error_description: `The provider has no ${req.method} ${requested.pathname}.` });
      } catch (error) {
        json(res, 500, { error: 'server_error', error_description: String(error) });
      }
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  // The provider must never keep a finished test process alive.
  server.unref();
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const url = `http://127.0.0.1:${port}`;

  /** @param {http.ServerResponse} res @param {number} status @param {unknown} value */
  function json(res, status, value) {
    res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(JSON.stringify(value));
  }

  /** A new person, numbered (so messages are the same run after run): user-1, Ada Lovelace, … @returns {User} */
  function newUser() {
    users += 1;
    const names = ['Ada Lovelace', 'Grace Hopper', 'Katherine Johnson', 'Alan Turing'];
    return { sub: `user-${users}`, name: names[(users - 1) % names.length], email: `cook${users}@kitchen.example` };
  }

  /**
   * What the provider's login page would do when the browser arrives at `location` (the app's 302
   * target) and the person approves (or, with `error`, declines): the path on the app the browser is
   * sent back to, or why the provider refused the request.
   * @param {string} location @param {{ user?: User, error?: string }} [options]
   * @returns {AuthorizeResult}
   */
  function authorize(location, { user, error } = {}) {
    /** @type {Record<string, string>} */
    let params = {};
    /** @param {string} problem @returns {AuthorizeResult} */
    const refuse = (problem) => ({ ok: false, problem, params });
    let target;
    try {
      target = new URL(location);
    } catch {
      return refuse(`the Location ${JSON.stringify(location)} is not a full URL`);
    }
    params = Object.fromEntries(target.searchParams);
    authorizeRequests.push(params);
    if (`${target.origin}${target.pathname}` !== `${url}/authorize`) {
      return refuse(`the Location should start with the provider's authorize URL ${url}/authorize; it is ${location.split('?')[0]}`);
    }
    if (params.client_id !== clientId) {
      return refuse(`client_id should be ${JSON.stringify(clientId)}; it is ${describe(params.client_id)}`);
    }
    if (params.redirect_uri !== redirectUri) {
      return refuse(`redirect_uri should be the registered ${JSON.stringify(redirectUri)}; it is ${describe(params.redirect_uri)}`);
    }
    if (params.response_type !== 'code') {
      return refuse(`response_type should be "code"; it is ${describe(params.response_type)}`);
    }
    if (provider.strict) {
      if (!params.code_challenge) return refuse('there is no code_challenge (PKCE), and this provider requires one');
      const method = params.code_challenge_method ?? 'plain';
      if (method !== 'S256' && method !== 'plain') {
        return refuse(`code_challenge_method should be "S256"; it is ${describe(params.code_challenge_method)}`);
      }
      if (method === 'S256' && !/^[A-Za-z0-9_-]{43}$/.test(params.code_challenge)) {
        return refuse(`the code_challenge should be 43 characters of base64url (a SHA-256 hash); it has ${params.code_challenge.length}`);
      }
    }
    const back = new URL(redirectUri);
    if (error) {
      back.searchParams.set('error', error);
    } else {
      const code = base64url(randomBytes(24));
      codes.set(code, {
        clientId,
        redirectUri,
        user: user ?? newUser(),
        codeChallenge: params.code_challenge || undefined,
        codeChallengeMethod: params.code_challenge_method ?? 'plain',
        nonce: params.nonce,
        scope: params.scope ?? '',
        used: false,
        issuedAt: Date.now(),
      });
      back.searchParams.set('code', code);
    }
    if (params.state !== undefined) back.searchParams.set('state', params.state);
    const callback = `${back.pathname}${back.search}`;
    return { ok: true, code: back.searchParams.get('code') ?? '', state: params.state, callback, params };
  }

  /** @param {URL} requested @param {http.ServerResponse} res */
  function authorizeOverHttp(requested, res) {
    const result = authorize(`${url}${requested.pathname}${requested.search}`);
    if (!result.ok) return json(res, 400, { error: 'invalid_request', error_description: result.problem });
    res.writeHead(302, { location: new URL(result.callback, redirectUri).href });
    res.end();
  }

  /** @param {http.IncomingMessage} req @param {string} body @param {http.ServerResponse} res */
  function token(req, body, res) {
    const contentType = String(req.headers['content-type'] ?? '');
    const form = /application\/x-www-form-urlencoded/i.test(contentType) ? Object.fromEntries(new URLSearchParams(body)) : {};
    /** @type {TokenRequest} */
    const record = {
      method: req.method ?? 'POST',
      path: req.url ?? '/token',
      headers: req.headers,
      contentType,
      body,
      form,
      clientAuth: 'none',
      problem: undefined,
      status: 200,
    };
    tokenRequests.push(record);
    /** @param {number} status @param {string} error @param {string} problem */
    const refuse = (status, error, problem) => {
      record.problem = problem;
      record.status = status;
      json(res, status, { error, error_description: problem });
    };
    if (!/application\/x-www-form-urlencoded/i.test(contentType)) {
      return refuse(
        400,
        'invalid_request',
        `the token request should be a form (Content-Type: application/x-www-form-urlencoded); it came as ${contentType === '' ? 'no content type' : JSON.stringify(contentType)}`,
      );
    }
    // Client authentication (RFC 6749 2.3.1): HTTP Basic, or client_id + client_secret in the form.
    const basic = /^Basic\s+(.+)$/i.exec(String(req.headers.authorization ?? ''));
    let id;
    let secret;
    if (basic) {
      const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      id = safeDecode(decoded.slice(0, colon));
      secret = safeDecode(decoded.slice(colon + 1));
      record.clientAuth = 'basic';
    } else if (form.client_secret !== undefined) {
      id = form.client_id;
      secret = form.client_secret;
      record.clientAuth = 'form';
    }
    if (record.clientAuth === 'none') {
      return refuse(401, 'invalid_client', 'the token request has no client authentication (client_id and client_secret)');
    }
    if (id !== clientId || secret !== clientSecret) {
      return refuse(
        401,
        'invalid_client',
        `the client credentials are wrong: client_id ${describe(id)} and a client_secret that ${secret === clientSecret ? 'is right' : 'is not the one registered'}`,
      );
    }
    if (form.grant_type !== 'authorization_code') {
      return refuse(400, 'unsupported_grant_type', `grant_type should be "authorization_code"; it is ${describe(form.grant_type)}`);
    }
    const grant = form.code === undefined ? undefined : codes.get(form.code);
    if (!grant) {
      return refuse(
        400,
        'invalid_grant',
        form.code === undefined ? 'the token request has no code' : 'the code is not one the provider issued',
      );
    }
    if (grant.used) return refuse(400, 'invalid_grant', 'the code was already exchanged once (a code works only once)');
    grant.used = true;
    const problem = bindingProblem(grant, form);
    if (problem !== undefined) {
      // A lenient provider issues tokens anyway, so later steps can be judged on their own; the
      // problem stays on the record.
      if (provider.strict) return refuse(400, 'invalid_grant', problem);
      record.problem = problem;
    }
    const accessToken = base64url(randomBytes(24));
    accessTokens.set(accessToken, grant.user);
    const now = Math.floor(Date.now() / 1000);
    /** @type {Record<string, unknown>} */
    const claims = { iss: url, aud: clientId, sub: grant.user.sub, name: grant.user.name, email: grant.user.email, iat: now, exp: now + 300 };
    if (grant.nonce !== undefined) claims.nonce = grant.nonce;
    json(res, 200, {
      access_token: accessToken,
      token_type: 'Bearer',
      expires_in: 3600,
      scope: grant.scope,
      id_token: signHs256(claims, clientSecret),
    });
  }

  /**
   * What is wrong with the redirect_uri or the PKCE code_verifier of a token request, or undefined.
   * @param {CodeGrant} grant @param {Record<string, string>} form
   */
  function bindingProblem(grant, form) {
    if (form.redirect_uri !== grant.redirectUri) {
      return `redirect_uri should be the same as in the authorize request, ${JSON.stringify(grant.redirectUri)}; it is ${describe(form.redirect_uri)}`;
    }
    if (grant.codeChallenge === undefined) return undefined;
    const verifier = form.code_verifier;
    if (verifier === undefined) return 'the token request has no code_verifier (PKCE)';
    if (!VERIFIER.test(verifier)) {
      return `the code_verifier should be 43 to 128 letters, digits or -._~ characters; it has ${verifier.length} characters${/^[A-Za-z0-9\-._~]*$/.test(verifier) ? '' : ', some of them others'}`;
    }
    if (grant.codeChallengeMethod === 'plain' ? verifier !== grant.codeChallenge : s256(verifier) !== grant.codeChallenge) {
      return grant.codeChallengeMethod === 'plain'
        ? 'the code_verifier is not the code_challenge sent to /authorize (method plain)'
        : 'the code_verifier does not match the code_challenge: BASE64URL(SHA-256(code_verifier)) should equal the code_challenge sent to /authorize';
    }
    return undefined;
  }

  /** @param {http.IncomingMessage} req @param {http.ServerResponse} res */
  function userinfo(req, res) {
    const authorization = req.headers.authorization;
    /** @type {UserinfoRequest} */
    const record = { authorization, problem: undefined, status: 200 };
    userinfoRequests.push(record);
    const bearer = /^Bearer\s+(\S+)$/i.exec(String(authorization ?? ''));
    const user = bearer ? accessTokens.get(bearer[1]) : undefined;
    if (!user) {
      record.problem = bearer ? 'the access token is not one the provider issued' : 'there is no Authorization: Bearer <access_token> header';
      record.status = 401;
      res.setHeader('www-authenticate', 'Bearer error="invalid_token"');
      return json(res, 401, { error: 'invalid_token', error_description: record.problem });
    }
    json(res, 200, { ...user });
  }

  /** @type {Provider} */
  const provider = {
    url,
    strict: true,
    clientId,
    clientSecret,
    redirectUri,
    authorize,
    newUser,
    tokenRequests,
    userinfoRequests,
    authorizeRequests,
    reset() {
      provider.strict = true;
      tokenRequests.length = 0;
      userinfoRequests.length = 0;
      authorizeRequests.length = 0;
    },
    close() {
      return new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      });
    },
  };
  return provider;
}

/** @param {unknown} value */
function describe(value) {
  if (value === undefined) return 'missing';
  const text = String(value);
  return JSON.stringify(text.length > 48 ? `${text.slice(0, 32)}…${text.slice(-8)}` : text);
}

/** @param {string} text */
function safeDecode(text) {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

/**
 * One line on a token request for a failure message: what the app sent and what was wrong.
 * @param {TokenRequest} record
 */
export function describeTokenRequest(record) {
  const sent = Object.keys(record.form).length > 0 ? Object.keys(record.form).join(', ') : record.body === '' ? 'an empty body' : 'a body that is not a form';
  const auth = record.clientAuth === 'basic' ? 'HTTP Basic client authentication' : record.clientAuth === 'form' ? 'the client secret in the form' : 'no client authentication';
  return `POST /token with ${sent} and ${auth}: ${record.problem ? `the provider refused it (${record.status}) because ${record.problem}` : 'the provider accepted it'}`;
}
