import express from 'express';
import session from 'express-session';
import bcrypt from 'bcryptjs';
import sqlite3 from 'sqlite3';
import { open } from 'sqlite';

const app = express();
app.use(express.json());

// One proxy (the kitchen's load balancer) stands in front of the app and says in X-Forwarded-Proto
// whether the browser used HTTPS: req.secure reads it once Express trusts that proxy.
app.set('trust proxy', 1);

const db = await open({ filename: process.env.DATABASE_FILE ?? 'kitchen.db', driver: sqlite3.Database });

await db.exec(`
  CREATE TABLE IF NOT EXISTS users (
    id INTEGER PRIMARY KEY,
    username TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    password_hash TEXT NOT NULL
  )
`);
const STAFF = [
  ['ada', 'Ada, head chef', '$2b$10$zJSzaYBuwuHNsH83CJXKu.XjB18E03k4rD7m8/.UBFZ5WNrgsN01C'],
  ['ben', 'Ben, waiter', '$2b$10$E66xX3QClaf6dSSX8JMixuUADfU3DG8kv7/RvE5r1qwcg1O1YKpIe'],
  ['mallory', 'Mallory, waiter', '$2b$10$Knf8UVkQw/uND2eR0y6fLO4VU1eJAz9R2L9yg9HB6q9./5eDb01uK'],
];
for (const [username, name, hash] of STAFF) {
  await db.run('INSERT OR IGNORE INTO users (username, name, password_hash) VALUES (?, ?, ?)', [username, name, hash]);
}

async function checkPassword(username, password) {
  const user = await db.get('SELECT id, username, name, password_hash FROM users WHERE username = ?', [String(username)]);
  if (user && (await bcrypt.compare(String(password), user.password_hash))) return user;
  return undefined;
}

// express-session keeps each session on the server and gives the browser only its id: 24 random
// bytes, signed with the secret so a changed cookie is refused.
const COOKIE = { path: '/', httpOnly: true, sameSite: 'lax' };
app.use(
  session({
    name: 'sid',
    secret: process.env.SESSION_SECRET ?? 'only-for-running-on-your-machine',
    resave: false,
    saveUninitialized: false,
    // 'auto': Secure when the request came over HTTPS (req.secure), not over plain HTTP.
    cookie: { ...COOKIE, secure: 'auto' },
  }),
);

/** Runs req.session.regenerate or req.session.destroy and waits for it. */
function sessionStep(req, step) {
  return new Promise((resolve, reject) => req.session[step]((error) => (error ? reject(error) : resolve())));
}

app.post('/login', async (req, res) => {
  const { username, password } = req.body ?? {};
  const user = await checkPassword(username, password);
  if (!user) return res.status(401).json({ error: 'Wrong username or password.' });
  // A new session, with a new id, for the signed-in user: an id anyone knew before stops working.
  await sessionStep(req, 'regenerate');
  req.session.userId = user.id;
  res.json({ username: user.username, name: user.name });
});

app.get('/me', async (req, res) => {
  const userId = req.session.userId;
  if (userId === undefined) return res.status(401).json({ error: 'Log in first.' });
  res.json(await db.get('SELECT username, name FROM users WHERE id = ?', [userId]));
});

app.post('/logout', async (req, res) => {
  await sessionStep(req, 'destroy');
  res.clearCookie('sid', COOKIE);
  res.status(204).end();
});

export default app;
