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

// Sessions live in the database, where every instance finds them. express-session asks its store
// for three things: get a session by id, save one, and remove one.
await db.exec('CREATE TABLE IF NOT EXISTS sessions (sid TEXT PRIMARY KEY, data TEXT NOT NULL)');

class SqliteStore extends session.Store {
  get(sid, callback) {
    db.get('SELECT data FROM sessions WHERE sid = ?', [sid]).then(
      (row) => callback(null, row ? JSON.parse(row.data) : null),
      callback,
    );
  }

  set(sid, data, callback) {
    db.run('INSERT INTO sessions (sid, data) VALUES (?, ?) ON CONFLICT (sid) DO UPDATE SET data = excluded.data', [
      sid,
      JSON.stringify(data),
    ]).then(() => callback(), callback);
  }

  destroy(sid, callback) {
    db.run('DELETE FROM sessions WHERE sid = ?', [sid]).then(() => callback(), callback);
  }
}

app.use(
  session({
    store: new SqliteStore(),
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

// The menu is read from the database every time: a copy in one instance's memory would not see a
// price the other instance changed.
app.get('/menu', async (req, res) => {
  res.json(await db.all('SELECT id, name, price_cents AS priceCents FROM dishes ORDER BY id'));
});

app.patch('/menu/:id', async (req, res) => {
  const priceCents = req.body?.priceCents;
  if (!Number.isInteger(priceCents) || priceCents <= 0) {
    return res.status(400).json({ error: 'priceCents must be a whole number of cents above 0.' });
  }
  const { changes } = await db.run('UPDATE dishes SET price_cents = ? WHERE id = ?', [priceCents, req.params.id]);
  if (changes === 0) return res.status(404).json({ error: 'There is no such dish.' });
  res.json(await db.get('SELECT id, name, price_cents AS priceCents FROM dishes WHERE id = ?', [req.params.id]));
});

// The load balancer asks every instance for /health and stops sending visitors to one that fails.
// Reading a table proves the database file can be read (in SQLite, SELECT 1 never opens the file).
app.get('/health', async (req, res) => {
  try {
    await db.get('SELECT count(*) AS dishes FROM dishes');
    res.json({ status: 'ok' });
  } catch {
    res.status(503).json({ status: 'unavailable' });
  }
});

export default app;
