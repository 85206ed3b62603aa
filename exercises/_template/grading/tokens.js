// @ts-check
// Helpers for exercises about JSON Web Tokens (RFC 7519): read a token the learner's app issued, sign
// tokens the app should accept, and forge the ones it must refuse — an unsigned `alg: none` token, a
// payload changed after signing, a token signed with another secret or another algorithm, one that has
// already expired, and one signed with a public key used as an HMAC secret (algorithm confusion).
//
// Everything is built with node:crypto only, never with the libraries learners use (jsonwebtoken,
// jose), so a quirk of one of them cannot make the grader agree with a wrong app. Nothing here sends a
// request: pass the token to `request(…, { headers: bearer(token) })` from http.js.
//
//   import { signToken, tamperPayload, unsignedToken, bearer, nowSeconds } from '../grading/tokens.js';
//   const token = signToken({ sub: '1', exp: nowSeconds() + 900 }, process.env.JWT_SECRET);
//   const res = await request('GET', '/me', { headers: bearer(tamperPayload(token, { sub: '2' })) });
//   res.expectStatus(401);
import { createHmac, createSign, randomBytes, timingSafeEqual } from 'node:crypto';

/** @typedef {Record<string, unknown>} Claims */
/** @typedef {{ header: Claims, payload: Claims, signature: string, signingInput: string }} DecodedToken */
/** @typedef {'HS256' | 'HS384' | 'HS512' | 'RS256' | 'RS384' | 'RS512'} SigningAlgorithm */

const HASHES = { HS256: 'sha256', HS384: 'sha384', HS512: 'sha512', RS256: 'sha256', RS384: 'sha384', RS512: 'sha512' };

/**
 * Text or bytes as base64url without padding, the encoding of every part of a JWT.
 * @param {string | Uint8Array} value
 */
export function base64url(value) {
  return Buffer.from(typeof value === 'string' ? Buffer.from(value, 'utf8') : value).toString('base64url');
}

/** The current time as a JWT time: whole seconds since 1970 (what `iat`, `nbf` and `exp` hold). */
export function nowSeconds() {
  return Math.floor(Date.now() / 1000);
}

/**
 * A random secret for HS* tokens: `bytes` random bytes as hex text (64 characters for the default 32
 * bytes, 256 bits, as long as RFC 7518 asks of an HS256 key). Set it as the app's secret env var
 * before the app is imported, so every check uses a secret the learner cannot have written in the code.
 * @param {number} [bytes]
 */
export function randomSecret(bytes = 32) {
  return randomBytes(bytes).toString('hex');
}

/**
 * The request headers that carry a token: `{ authorization: 'Bearer <token>' }` (RFC 6750).
 * @param {string} token
 */
export function bearer(token) {
  return { authorization: `Bearer ${token}` };
}

/**
 * The header, payload and signature of a compact JWT, without checking the signature; undefined when
 * `token` is not three base64url parts whose first two are JSON objects. Never throws.
 * @param {unknown} token
 * @returns {DecodedToken | undefined}
 */
export function decodeToken(token) {
  if (typeof token !== 'string') return undefined;
  const parts = token.split('.');
  if (parts.length !== 3 || !parts.slice(0, 2).every((part) => /^[A-Za-z0-9_-]+$/.test(part))) return undefined;
  if (!/^[A-Za-z0-9_-]*$/.test(parts[2])) return undefined;
  const header = parseJsonPart(parts[0]);
  const payload = parseJsonPart(parts[1]);
  if (!header || !payload) return undefined;
  return { header, payload, signature: parts[2], signingInput: `${parts[0]}.${parts[1]}` };
}

/** @param {string} part @returns {Claims | undefined} */
function parseJsonPart(part) {
  try {
    const value = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The signature of `signingInput` ("<header>.<payload>") with `alg`: an HMAC keyed with `key` for
 * HS*, an RSA PKCS#1 v1.5 signature with the private key `key` (PEM text or a KeyObject) for RS*.
 * @param {string} signingInput @param {SigningAlgorithm} alg @param {string | Uint8Array | import('node:crypto').KeyObject} key
 */
function sign(signingInput, alg, key) {
  const hash = HASHES[alg];
  if (!hash) throw new Error(`tokens.js cannot sign with ${alg}; use HS256/384/512 or RS256/384/512`);
  if (alg.startsWith('HS')) {
    if (typeof key !== 'string' && !(key instanceof Uint8Array)) throw new Error(`${alg} needs a secret (text or bytes)`);
    return createHmac(hash, key).update(signingInput).digest('base64url');
  }
  return createSign(hash).update(signingInput).sign(/** @type {any} */ (key), 'base64url');
}

/**
 * A signed token: `signToken({ sub: '1', exp: nowSeconds() + 900 }, secret)`. The header is
 * `{ alg, typ: 'JWT' }` plus `header`. Claims are taken as given: add `iat`/`exp` yourself (see
 * `expiredToken` for one in the past). A text secret is used as its UTF-8 bytes, as jsonwebtoken and
 * `new TextEncoder().encode(secret)` with jose do.
 * @param {Claims} payload
 * @param {string | Uint8Array | import('node:crypto').KeyObject} key a secret for HS*, a private key for RS*
 * @param {{ alg?: SigningAlgorithm, header?: Claims }} [options]
 */
export function signToken(payload, key, { alg = 'HS256', header = {} } = {}) {
  const signingInput = `${base64url(JSON.stringify({ alg, typ: 'JWT', ...header }))}.${base64url(JSON.stringify(payload))}`;
  return `${signingInput}.${sign(signingInput, alg, key)}`;
}

/**
 * An unsigned token (RFC 7519 §6, "Unsecured JWT"): header `{ alg: 'none', typ: 'JWT' }` and an empty
 * signature, the forgery a verifier that trusts the header's `alg` accepts. `alg` may be changed to
 * spellings some libraries once missed (`'None'`, `'NONE'`), and `signature` kept from a real token.
 * @param {Claims} payload @param {{ alg?: string, signature?: string }} [options]
 */
export function unsignedToken(payload, { alg = 'none', signature = '' } = {}) {
  return `${base64url(JSON.stringify({ alg, typ: 'JWT' }))}.${base64url(JSON.stringify(payload))}.${signature}`;
}

/**
 * `token` with its payload changed (`changes` merged in; a key set to undefined is removed) while the
 * header and the original signature are kept: what an attacker who edits a token sends.
 * @param {string} token @param {Claims} changes
 */
export function tamperPayload(token, changes) {
  const decoded = decodeToken(token);
  if (!decoded) throw new Error('tamperPayload needs a JWT (three base64url parts)');
  const payload = { ...decoded.payload, ...changes };
  for (const [name, value] of Object.entries(changes)) if (value === undefined) delete payload[name];
  const [header, , signature] = token.split('.');
  return `${header}.${base64url(JSON.stringify(payload))}.${signature}`;
}

/**
 * The same header (with `alg` replaced) and payload as `token`, signed again with `key` and `alg`:
 * `resign(token, randomSecret())` is the token signed with another secret, `resign(token,
 * process.env.JWT_SECRET, { alg: 'HS512' })` the same secret with an algorithm the app does not use.
 * @param {string} token @param {string | Uint8Array | import('node:crypto').KeyObject} key
 * @param {{ alg?: SigningAlgorithm }} [options]
 */
export function resign(token, key, { alg = 'HS256' } = {}) {
  const decoded = decodeToken(token);
  if (!decoded) throw new Error('resign needs a JWT (three base64url parts)');
  const { alg: _old, typ: _typ, ...header } = decoded.header;
  return signToken(decoded.payload, key, { alg, header });
}

/**
 * A correctly signed token that has expired: `iat` is `lifetime + secondsAgo` seconds ago and `exp`
 * `secondsAgo` seconds ago (by the current clock, fake timers included).
 * @param {Claims} payload @param {string | Uint8Array | import('node:crypto').KeyObject} key
 * @param {{ secondsAgo?: number, lifetime?: number, alg?: SigningAlgorithm }} [options]
 */
export function expiredToken(payload, key, { secondsAgo = 300, lifetime = 900, alg = 'HS256' } = {}) {
  const exp = nowSeconds() - secondsAgo;
  return signToken({ ...payload, iat: exp - lifetime, exp }, key, { alg });
}

/**
 * Algorithm confusion (RFC 8725 §2.1): a token whose header says HS256 and whose "secret" is the text of
 * an RSA public key. An app that verifies RS256 tokens with that public key and lets the header choose
 * the algorithm checks an HMAC with a key anyone can read, and accepts it.
 * @param {Claims} payload @param {string} publicKeyPem
 */
export function confusedToken(payload, publicKeyPem) {
  return signToken(payload, publicKeyPem, { alg: 'HS256' });
}

/**
 * Whether `token` carries a valid HS* signature made with `secret` (constant-time compare). Checks
 * nothing else: read `decodeToken(token).payload` for the claims.
 * @param {string} token @param {string | Uint8Array} secret @param {{ alg?: 'HS256' | 'HS384' | 'HS512' }} [options]
 */
export function hasValidSignature(token, secret, { alg = 'HS256' } = {}) {
  const decoded = decodeToken(token);
  if (!decoded || decoded.header.alg !== alg) return false;
  const expected = Buffer.from(sign(decoded.signingInput, alg, secret), 'base64url');
  const actual = Buffer.from(decoded.signature, 'base64url');
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/**
 * What is wrong with a token an app issued, as words that finish "expected a token …; …", or undefined
 * when it is a JWT with header `alg` = `alg` whose signature verifies with `secret`. Meant for failure
 * messages: `res.expect(!problem, \`a JWT signed with JWT_SECRET; \${problem}\`)`.
 * @param {unknown} token @param {string | Uint8Array} secret @param {{ alg?: 'HS256' | 'HS384' | 'HS512', secretName?: string }} [options]
 */
export function tokenProblem(token, secret, { alg = 'HS256', secretName = 'the secret' } = {}) {
  if (typeof token !== 'string' || token === '') return `got ${token === '' ? 'an empty text' : describeValue(token)} instead of a token`;
  const parts = token.split('.');
  if (parts.length !== 3) {
    return `a JWT has three parts separated by dots (header.payload.signature); ${describeValue(token)} has ${parts.length}`;
  }
  const decoded = decodeToken(token);
  if (!decoded) return `the first two parts of a JWT are base64url-encoded JSON objects; those of ${describeValue(token)} are not`;
  if (decoded.header.alg !== alg) return `its header says "alg": ${JSON.stringify(decoded.header.alg) ?? 'nothing'}, not "${alg}"`;
  if (!hasValidSignature(token, secret, { alg })) return `its signature does not verify with ${secretName}: it was signed with another secret`;
  return undefined;
}

/**
 * A token for a failure message: its header and payload as JSON (times as ISO dates next to the
 * numbers), or why it is not a JWT.
 * @param {unknown} token
 */
export function describeToken(token) {
  const decoded = decodeToken(token);
  if (!decoded) return `${describeValue(token)} (not a JWT)`;
  const times = ['iat', 'nbf', 'exp']
    .filter((name) => typeof decoded.payload[name] === 'number')
    .map((name) => `${name} ${new Date(Number(decoded.payload[name]) * 1000).toISOString()}`);
  return `a JWT with the header ${JSON.stringify(decoded.header)} and the payload ${JSON.stringify(decoded.payload)}${
    times.length > 0 ? ` (${times.join(', ')})` : ''
  }`;
}

/** @param {unknown} value */
function describeValue(value) {
  if (typeof value !== 'string') return value === undefined ? 'nothing' : `${JSON.stringify(value)} (${value === null ? 'null' : typeof value})`;
  return JSON.stringify(value.length > 48 ? `${value.slice(0, 32)}…${value.slice(-10)}` : value);
}
