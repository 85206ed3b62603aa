import { createHash, randomBytes } from 'node:crypto';
import express from 'express';
import session from 'express-session';

const app = express();

// Sessions: a cookie with a random id, the data kept on the server. Sign-in keeps the state and the
// code_verifier here between /login and /callback, and the person once they are signed in.
app.use(
  session({
    secret: process.env.SESSION_SECRET ?? 'kitchen-dev-secret-change-me',
    resave: false,
    saveUninitialized: false,
    cookie: { httpOnly: true, sameSite: 'lax' },
  }),
);

// The provider and this app's registration with it. Read on every request, so a change of the
// environment (the checks start their own provider) is seen at once.
function provider() {
  const base = process.env.OAUTH_PROVIDER_URL ?? 'http://localhost:4000';
  return {
    authorizeUrl: `${base}/authorize`,
    tokenUrl: `${base}/token`,
    userinfoUrl: `${base}/userinfo`,
    clientId: process.env.OAUTH_CLIENT_ID ?? 'kitchen-app',
    clientSecret: process.env.OAUTH_CLIENT_SECRET ?? 'kitchen-app-secret',
    redirectUri: process.env.OAUTH_REDIRECT_URI ?? 'http://localhost:3000/callback',
  };
}

/** 32 random bytes as base64url: 43 characters, unguessable. */
function randomValue() {
  return randomBytes(32).toString('base64url');
}

app.get('/login', (req, res) => {
  const { authorizeUrl, clientId, redirectUri } = provider();
  const state = randomValue();
  const codeVerifier = randomValue();
  const codeChallenge = createHash('sha256').update(codeVerifier).digest('base64url');
  req.session.oauth = { state, codeVerifier };

  const url = new URL(authorizeUrl);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: clientId,
    redirect_uri: redirectUri,
    scope: 'openid profile email',
    state,
    code_challenge: codeChallenge,
    code_challenge_method: 'S256',
  }).toString();
  res.redirect(url.href);
});

app.get('/callback', async (req, res) => {
  const pending = req.session.oauth;
  const { state, code, error } = req.query;
  if (!pending || typeof state !== 'string' || state !== pending.state) {
    return res.status(400).json({ error: 'This sign-in did not start here (the state does not match). Please sign in again.' });
  }
  delete req.session.oauth;

  if (error) {
    return res.status(401).json({ error: `The provider did not sign you in: ${error}` });
  }

  const { tokenUrl, userinfoUrl, clientId, clientSecret, redirectUri } = provider();
  const tokenResponse = await fetch(tokenUrl, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}` },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code: String(code),
      redirect_uri: redirectUri,
      code_verifier: pending.codeVerifier,
    }),
  });
  if (!tokenResponse.ok) {
    return res.status(502).json({ error: 'The provider refused to exchange the code.' });
  }
  const tokens = await tokenResponse.json();

  const userResponse = await fetch(userinfoUrl, { headers: { authorization: `Bearer ${tokens.access_token}` } });
  if (!userResponse.ok) {
    return res.status(502).json({ error: 'The provider did not say who you are.' });
  }
  const { sub, name, email } = await userResponse.json();

  // A new session id for the signed-in person (no session fixation), then remember who they are.
  req.session.regenerate((err) => {
    if (err) return res.status(500).json({ error: 'Could not start your session.' });
    req.session.user = { sub, name, email };
    res.redirect('/');
  });
});

app.get('/me', (req, res) => {
  if (!req.session.user) return res.status(401).json({ error: 'You are not signed in.' });
  res.json(req.session.user);
});

export default app;
