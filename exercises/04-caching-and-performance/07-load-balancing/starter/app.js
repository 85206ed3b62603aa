import express from 'express';
import session from 'express-session';
import bcrypt from 'bcryptjs';
import sqlite3 from 'sqlite3';
import { open } from 'sqlite';

const app = express();
app.use(express.json());

// One connection to the database file, opened when the app starts. Every instance of the app opens
// the same file. The checks give your app a fresh file of its own (DATABASE_FILE); when you press Run
// it uses kitchen.db, which stays between runs.
const db = await open({ filename: process.env.DATABASE_FILE ?? 'kitchen.db', driver: sqlite3.Database });

// The staff (passwords: ada / soup-of-the-day, ben / table-for-two) and the menu.
await db.exec(`
  CREATE TABLE IF NOT EXISTS users (
    id INTEGER PRIMARY KEY,
    username TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    password_hash TEXT NOT NULL
  );
  CREATE TABLE IF NOT EXISTS dishes (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    price_cents INTEGER NOT NULL
  );
  INSERT OR IGNORE INTO users (id, username, name, password_hash) VALUES
    (1, 'ada', 'Ada, head chef', '$2b$10$zJSzaYBuwuHNsH83CJXKu.XjB18E03k4rD7m8/.UBFZ5WNrgsN01C'),
    (2, 'ben', 'Ben, waiter', '$2b$10$E66xX3QClaf6dSSX8JMixuUADfU3DG8kv7/RvE5r1qwcg1O1YKpIe');
  INSERT OR IGNORE INTO dishes (id, name, price_cents) VALUES
    (1, 'Tomato soup', 650),
    (2, 'Risotto ai funghi', 1450),
    (3, 'Lemon tart', 700);
`);

// Sessions: express-session with its default store, which keeps them in this instance's memory.
app.use(
  session({
    name: 'sid',
    secret: process.env.SESSION_SECRET ?? 'only-for-running-on-your-machine',
    resave: false,
    saveUninitialized: false,
    cookie: { httpOnly: true, sameSite: 'lax' },
  }),
);

/** Runs req.session.regenerate or req.session.destroy and waits for it. */
function sessionStep(req, step) {
  return new Promise((resolve, reject) => req.session[step]((error) => (error ? reject(error) : resolve())));
}

app.post('/login', async (req, res) => {
  const { username, password } = req.body ?? {};
  const user = await db.get('SELECT id, username, name, password_hash FROM users WHERE username = ?', [String(username)]);
  if (!user || !(await bcrypt.compare(String(password), user.password_hash))) {
    return res.status(401).json({ error: 'Wrong username or password.' });
  }
  await sessionStep(req, 'regenerate');
  req.session.userId = user.id;
  res.json({ username: user.username, name: user.name });
});

app.get('/me', async (req, res) => {
  if (req.session.userId === undefined) return res.status(401).json({ error: 'Log in first.' });
  res.json(await db.get('SELECT username, name FROM users WHERE id = ?', [req.session.userId]));
});

app.post('/logout', async (req, res) => {
  await sessionStep(req, 'destroy');
  res.clearCookie('sid');
  res.status(204).end();
});

// The menu, kept in this instance's memory after the first read, to spare the database.
let menuCache;

app.get('/menu', async (req, res) => {
  menuCache ??= await db.all('SELECT id, name, price_cents AS priceCents FROM dishes ORDER BY id');
  res.json(menuCache);
});

app.patch('/menu/:id', async (req, res) => {
  const priceCents = req.body?.priceCents;
  if (!Number.isInteger(priceCents) || priceCents <= 0) {
    return res.status(400).json({ error: 'priceCents must be a whole number of cents above 0.' });
  }
  const { changes } = await db.run('UPDATE dishes SET price_cents = ? WHERE id = ?', [priceCents, req.params.id]);
  if (changes === 0) return res.status(404).json({ error: 'There is no such dish.' });
  menuCache = undefined;
  res.json(await db.get('SELECT id, name, price_cents AS priceCents FROM dishes WHERE id = ?', [req.params.id]));
});

app.get('/health', (req, res) => {
  res.json({ status: 'ok' });
});

export default app;
