import express from 'express';
import session from 'express-session';

const app = express();

// Sessions: a cookie with a random id, the data kept on the server (req.session).
app.use(
  session({
    secret: process.env.SESSION_SECRET ?? 'kitchen-dev-secret-change-me',
    resave: false,
    saveUninitialized: false,
    cookie: { httpOnly: true, sameSite: 'lax' },
  }),
);

// The provider and this app's registration with it. Read on every request, so a change of the
// environment (the checks start their own provider) is seen at once: keep calling provider().
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

// Sends the person to the provider's login page.
// Tasks 1 and 2: there is no state and no PKCE code_challenge yet.
app.get('/login', (req, res) => {
  const { authorizeUrl, clientId, redirectUri } = provider();
  const url = new URL(authorizeUrl);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: clientId,
    redirect_uri: redirectUri,
    scope: 'openid profile email',
  }).toString();
  res.redirect(url.href);
});

// The person who signed in last. Task 4: one variable for the whole app, so every browser is them.
let signedIn;

// The provider sends the person back here with ?code=…&state=…
// Tasks 2 to 5: anyone can send a code here, the code is exchanged without a code_verifier, the
// person is kept in a variable every browser shares, and a refusal (?error=…) is not handled.
app.get('/callback', async (req, res) => {
  const { tokenUrl, userinfoUrl, clientId, clientSecret, redirectUri } = provider();
  const tokenResponse = await fetch(tokenUrl, {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code: req.query.code,
      redirect_uri: redirectUri,
      client_id: clientId,
      client_secret: clientSecret,
    }),
  });
  const tokens = await tokenResponse.json();
  const userResponse = await fetch(userinfoUrl, { headers: { authorization: `Bearer ${tokens.access_token}` } });
  signedIn = await userResponse.json();
  res.redirect('/');
});

// Who is signed in.
app.get('/me', (req, res) => {
  if (!signedIn) return res.status(401).json({ error: 'You are not signed in.' });
  res.json(signedIn);
});

export default app;
