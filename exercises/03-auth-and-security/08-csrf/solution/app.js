import express from 'express';
import session from 'express-session';
import bcrypt from 'bcryptjs';
import { csrfSync } from 'csrf-sync';
import sqlite3 from 'sqlite3';
import { open } from 'sqlite';

const app = express();
// HTML forms send their fields as application/x-www-form-urlencoded: this puts them in req.body.
app.use(express.urlencoded({ extended: false }));

// Server-side sessions: the browser keeps only the session id, in a cookie.
app.use(
  session({
    secret: process.env.SESSION_SECRET ?? 'kitchen-dev-secret-change-me',
    resave: false,
    saveUninitialized: false,
    // SameSite=Lax: the browser leaves this cookie out of other sites' form posts (it still sends it
    // when someone follows a link here, so they arrive signed in).
    cookie: { httpOnly: true, sameSite: 'lax' },
  }),
);

// The synchronizer token pattern (csrf-sync): one random token per session, kept in the session. Our
// forms send it back in the hidden field _csrf; a POST without it, or with another, is refused with 403.
const { generateToken, csrfSynchronisedProtection } = csrfSync({
  getTokenFromRequest: (req) => req.body?._csrf,
});

// One connection to the database file, opened when the app starts. The checks give your app a fresh
// file of its own (DATABASE_FILE); when you press Run it uses kitchen.db, which stays between runs.
const db = await open({ filename: process.env.DATABASE_FILE ?? 'kitchen.db', driver: sqlite3.Database });

// The diners, made on the first start. Don't change this table: the checks read it.
// Passwords: ana → ana-loves-soup, ben → ben-bakes-bread (stored as bcrypt hashes).
await db.exec(`
  CREATE TABLE IF NOT EXISTS users (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    email TEXT NOT NULL
  );
  INSERT OR IGNORE INTO users (id, name, password_hash, email) VALUES
    (1, 'ana', '$2b$10$PG94Sv9YxcH0mpffR1GnP.V6vXysLgiw6/sag4QV8hX6yfriqXxta', 'ana@kitchen.example'),
    (2, 'ben', '$2b$10$fl7xYVQV9jX3cJi.LJgrPuTpO97jnzNolUaTMHF5GMQ2Yp33szbyu', 'ben@kitchen.example');
`);

const escapeHtml = (text) =>
  String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

const page = (title, body) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>` +
  `<body><h1>${escapeHtml(title)}</h1>${body}</body></html>`;

app.get('/', (req, res) => res.redirect(303, '/account'));

app.get('/login', (req, res) => {
  res.send(
    page(
      'Sign in',
      `<form method="post" action="/login">
        <label>Name <input name="name" autocomplete="username"></label>
        <label>Password <input type="password" name="password" autocomplete="current-password"></label>
        <button>Sign in</button>
      </form>`,
    ),
  );
});

app.post('/login', async (req, res, next) => {
  const user = await db.get('SELECT id, password_hash FROM users WHERE name = ?', String(req.body?.name ?? ''));
  const ok = user !== undefined && (await bcrypt.compare(String(req.body?.password ?? ''), user.password_hash));
  if (!ok) return res.status(401).send(page('Sign in', '<p>Wrong name or password. <a href="/login">Try again</a>.</p>'));
  // A new session id at sign-in, so an id someone planted before cannot be used afterwards.
  req.session.regenerate((err) => {
    if (err) return next(err);
    req.session.userId = user.id;
    res.redirect(303, '/account');
  });
});

// Only for signed-in diners: anyone else gets 401.
function signedIn(req, res, next) {
  if (req.session.userId === undefined) {
    return res.status(401).send(page('Please sign in', '<p><a href="/login">Sign in</a> first.</p>'));
  }
  next();
}

app.get('/account', signedIn, async (req, res) => {
  const user = await db.get('SELECT name, email FROM users WHERE id = ?', req.session.userId);
  res.send(
    page(
      `Hello, ${user.name}`,
      `<p>Your receipts go to <strong>${escapeHtml(user.email)}</strong>.</p>
      <form method="post" action="/account/email">
        <input type="hidden" name="_csrf" value="${escapeHtml(generateToken(req))}">
        <label>New e-mail <input type="email" name="email" required></label>
        <button>Change e-mail</button>
      </form>`,
    ),
  );
});

app.post('/account/email', signedIn, csrfSynchronisedProtection, async (req, res) => {
  const email = String(req.body?.email ?? '').trim();
  if (!email.includes('@')) return res.status(400).send(page('Change e-mail', '<p>That is not an e-mail address.</p>'));
  await db.run('UPDATE users SET email = ? WHERE id = ?', email, req.session.userId);
  res.redirect(303, '/account');
});

// csrf-sync passes an error with code EBADCSRFTOKEN (and status 403) to the error handlers.
app.use((err, req, res, next) => {
  if (err.code !== 'EBADCSRFTOKEN') return next(err);
  res.status(403).send(page('Forbidden', '<p>This form has expired or did not come from our site. Go back, reload the page and try again.</p>'));
});

export default app;
