import { describe, test } from 'vitest';
import { Browser, REDIRECT_URI, approve, mask, provider, signIn, startSignIn, tokenRequestsInWords } from './flow.js';

/** "a token request" / "2 token requests": what the provider's token endpoint received. */
function tokenRequestCount() {
  const count = provider.tokenRequests.length;
  return count === 1 ? 'one token request' : `${count} token requests`;
}

function expectNoTokenRequest(res, what, advice = 'check the state before you exchange any code') {
  res.expect(
    provider.tokenRequests.length === 0,
    `no request to the provider's token endpoint after ${what}, but it received ${tokenRequestCount()}: ${advice}`,
  );
}

describe('1. Send the person to the provider', () => {
  test("GET /login answers 302 to the provider's authorize URL with response_type=code, your client_id, redirect_uri and scope", async () => {
    const { res, params } = await startSignIn(new Browser());
    res.expectStatus(302);
    const location = res.headers.location ?? '';
    res.expect(
      location.startsWith(`${provider.url}/authorize?`),
      `a Location starting with the provider's authorize URL, OAUTH_PROVIDER_URL + /authorize, here ${mask(provider.url)}/authorize?…; got ${location === '' ? 'no Location' : JSON.stringify(mask(location.split('?')[0]))}`,
    );
    res.expect(params.response_type === 'code', `response_type=code; got ${params.response_type ?? 'no response_type'}`);
    res.expect(
      params.client_id === provider.clientId,
      `client_id=${provider.clientId} (the value of OAUTH_CLIENT_ID in this check); got ${params.client_id ?? 'no client_id'}`,
    );
    res.expect(
      params.redirect_uri === REDIRECT_URI,
      `redirect_uri=${REDIRECT_URI} (the value of OAUTH_REDIRECT_URI in this check); got ${params.redirect_uri ?? 'no redirect_uri'}`,
    );
    const scopes = (params.scope ?? '').split(' ');
    res.expect(
      ['openid', 'profile', 'email'].every((scope) => scopes.includes(scope)),
      `scope=openid profile email; got ${params.scope === undefined ? 'no scope' : JSON.stringify(params.scope)}`,
    );
  });

  test('every visit to /login gets a new random state of at least 16 characters', async () => {
    const first = await startSignIn(new Browser());
    const second = await startSignIn(new Browser());
    const { res } = second;
    res.expectStatus(302);
    const [a, b] = [first.params.state, second.params.state];
    res.expect(a !== undefined && b !== undefined, 'a state parameter in the Location; there is none');
    res.expect(b.length >= 16, `a state of at least 16 characters, too long to guess; it has ${b.length}`);
    res.expect(a !== b, 'two sign-ins to get two different states; both got the same one');
  });

  test('every visit to /login gets a new PKCE code_challenge, with code_challenge_method=S256', async () => {
    const first = await startSignIn(new Browser());
    const second = await startSignIn(new Browser());
    const { res, params } = second;
    res.expectStatus(302);
    res.expect(params.code_challenge !== undefined, 'a code_challenge parameter in the Location; there is none');
    res.expect(
      params.code_challenge_method === 'S256',
      `code_challenge_method=S256 (the SHA-256 of the verifier, never the verifier itself); got ${params.code_challenge_method ?? 'no code_challenge_method'}`,
    );
    res.expect(
      /^[A-Za-z0-9_-]{43}$/.test(params.code_challenge),
      `a code_challenge of 43 base64url characters (a SHA-256 hash, base64url-encoded, no "=" at the end); got ${params.code_challenge.length} characters${/^[A-Za-z0-9_-]*$/.test(params.code_challenge) ? '' : ', not all of them base64url (letters, digits, - and _)'}`,
    );
    res.expect(
      first.params.code_challenge !== params.code_challenge,
      'two sign-ins to get two different code_challenges (a new code_verifier each time); both got the same one',
    );
  });
});

describe('2. Check the state when the person comes back', () => {
  test('a callback with a made-up state answers 400 and exchanges no code', async () => {
    const browser = new Browser();
    await startSignIn(browser);
    const res = await browser.get('/callback?code=made-up-code&state=made-up-state');
    expectNoTokenRequest(res, 'a callback whose state is not the one /login gave this browser');
    res.expectError(400);
  });

  test('a callback without a state answers 400 and exchanges no code', async () => {
    const browser = new Browser();
    await startSignIn(browser);
    const res = await browser.get('/callback?code=made-up-code');
    expectNoTokenRequest(res, 'a callback without a state');
    res.expectError(400);
  });

  test("a callback with the state of another browser's sign-in answers 400 and exchanges no code", async () => {
    const { params } = await startSignIn(new Browser());
    const other = new Browser();
    await startSignIn(other);
    const res = await other.get(`/callback?code=made-up-code&state=${encodeURIComponent(params.state ?? 'none')}`);
    res.needsTask(1, params.state !== undefined, 'GET /login should put a state in the Location');
    expectNoTokenRequest(res, "a callback carrying the state another browser's /login got");
    res.expectError(400);
  });

  test('a callback in a browser that never visited /login answers 400 and exchanges no code', async () => {
    const { params } = await startSignIn(new Browser());
    const res = await new Browser().get(`/callback?code=made-up-code&state=${encodeURIComponent(params.state ?? 'none')}`);
    res.needsTask(1, params.state !== undefined, 'GET /login should put a state in the Location');
    expectNoTokenRequest(res, 'a callback from a browser with no sign-in in progress');
    res.expectError(400);
  });

  test('the callback with the right state goes on to the token endpoint', async () => {
    provider.strict = false;
    const browser = new Browser();
    const { step } = await approve(browser);
    const res = await browser.get(step.callback);
    res.expect(
      res.status !== 400 && provider.tokenRequests.length > 0,
      `the right state, the one /login gave this browser, to be accepted and the code sent to the token endpoint; your app answered ${res.status} and sent ${tokenRequestCount()}`,
    );
  });
});

describe('3. Exchange the code, with the PKCE verifier', () => {
  /** Signs in and returns the callback's reply and the first token request, after task 2's checks. */
  async function exchange() {
    const { callback } = await signIn(new Browser());
    const [sent] = provider.tokenRequests;
    callback.needsTask(2, sent !== undefined, 'the callback with the right state should go on to the token endpoint');
    return { callback, sent };
  }

  test('POST /token is a form with grant_type=authorization_code, the code, the same redirect_uri and your client id and secret', async () => {
    const { callback, sent } = await exchange();
    const fine = sent.problem === undefined || /code_verifier/.test(sent.problem);
    callback.expect(fine, `a token request the provider accepts (code_verifier aside); it received ${tokenRequestsInWords()}`);
  });

  test('POST /token carries the code_verifier whose SHA-256 is the code_challenge sent to /authorize', async () => {
    const { callback, sent } = await exchange();
    callback.expect(
      sent.problem === undefined,
      `the token request to carry the code_verifier of this sign-in, and the provider to accept it; it received ${tokenRequestsInWords()}`,
    );
  });
});

describe('4. Sign the person in', () => {
  /**
   * Signs in. The provider is lenient here (tokens even for a missing or wrong code_verifier, which
   * task 3 checks), so this task is judged on its own.
   */
  async function signedIn(browser, options) {
    provider.strict = false;
    const result = await signIn(browser, options);
    const accepted = provider.tokenRequests.some((sent) => sent.status === 200);
    result.callback.needsTask(3, accepted, `the provider should give tokens for the code; it received ${tokenRequestsInWords() || 'no token request'}`);
    return result;
  }

  test('after the token exchange, the callback redirects the browser to /', async () => {
    const { callback } = await signedIn(new Browser());
    callback.expect(
      (callback.status === 302 || callback.status === 303) && callback.headers.location === '/',
      `a redirect (302) to / once the person is signed in; got ${callback.status}${callback.headers.location ? ` to ${callback.headers.location}` : ''}`,
    );
  });

  test('GET /me then answers 200 with the sub, name and email the provider gave for the person', async () => {
    const browser = new Browser();
    const { user } = await signedIn(browser);
    const me = await browser.get('/me');
    me.expectStatus(200);
    me.expectJsonContaining(user);
  });

  test('two people signed in in two browsers each see themselves, and a third browser gets 401', async () => {
    const [ada, grace] = [new Browser(), new Browser()];
    const first = await signedIn(ada);
    const second = await signedIn(grace);
    for (const [browser, user, other] of [
      [ada, first.user, second.user],
      [grace, second.user, first.user],
    ]) {
      const me = await browser.get('/me');
      me.expectStatus(200);
      me.expect(
        me.body?.sub === user.sub,
        `the browser where ${user.name} (${user.sub}) signed in to see ${user.name}; it got ${me.body?.sub === other.sub ? `${other.name} (${other.sub}), who signed in in another browser: keep the person in req.session, which is one per browser` : JSON.stringify(me.body)}`,
      );
      me.expectJsonContaining(user);
    }
    const stranger = await new Browser().get('/me');
    stranger.expectError(401);
  });
});

describe('5. Handle a refusal from the provider', () => {
  test('?error=access_denied with the right state answers 401 with a JSON error naming access_denied, and exchanges no code', async () => {
    provider.strict = false;
    const browser = new Browser();
    const { step } = await approve(browser, { error: 'access_denied' });
    const res = await browser.get(step.callback);
    expectNoTokenRequest(res, 'the provider said access_denied', 'when req.query.error is set there is no code to exchange');
    res.expectError(401);
    res.expect(
      res.body.error.includes('access_denied'),
      `the error to name what the provider said, access_denied; got ${JSON.stringify(res.body.error)}`,
    );
  });

  test('after access_denied, GET /me in that browser still answers 401', async () => {
    provider.strict = false;
    const browser = new Browser();
    const { step } = await approve(browser, { error: 'access_denied' });
    await browser.get(step.callback);
    const me = await browser.get('/me');
    me.expect(
      me.status === 401,
      `status 401 in the browser whose sign-in the provider refused: nobody signed in there; got ${me.status}${me.body?.sub ? ` with ${me.body.name ?? me.body.sub}, who signed in somewhere else or earlier` : ''}`,
    );
    me.expectError(401);
  });
});
