import express from 'express';
import cookieParser from 'cookie-parser';
import bcrypt from 'bcryptjs';
import sqlite3 from 'sqlite3';
import { open } from 'sqlite';

const app = express();
app.use(express.json());
app.use(cookieParser());

// One connection to the database file, opened when the app starts. The checks give your app a fresh
// file of its own (DATABASE_FILE); when you press Run it uses kitchen.db, which stays between runs.
const db = await open({ filename: process.env.DATABASE_FILE ?? 'kitchen.db', driver: sqlite3.Database });

// The kitchen's staff. Their passwords are bcrypt hashes (cost 10), as in the last lesson:
// ada / soup-of-the-day, ben / table-for-two, mallory / free-dessert.
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

/** The user with this username and password, or undefined. */
async function checkPassword(username, password) {
  const user = await db.get('SELECT id, username, name, password_hash FROM users WHERE username = ?', [String(username)]);
  if (user && (await bcrypt.compare(String(password), user.password_hash))) return user;
  return undefined;
}

// A home-made session store: session id → user id. It works, and every task of this exercise is
// about something wrong with it.
const sessions = new Map();
let lastSessionId = 0;

app.post('/login', async (req, res) => {
  const { username, password } = req.body ?? {};
  const user = await checkPassword(username, password);
  if (!user) return res.status(401).json({ error: 'Wrong username or password.' });
  // A visitor who already has a session id keeps it.
  let sessionId = req.cookies.sid;
  if (!sessionId) {
    lastSessionId += 1;
    sessionId = String(lastSessionId);
  }
  sessions.set(sessionId, user.id);
  res.cookie('sid', sessionId);
  res.json({ username: user.username, name: user.name });
});

app.get('/me', async (req, res) => {
  const userId = sessions.get(req.cookies.sid);
  if (userId === undefined) return res.status(401).json({ error: 'Log in first.' });
  res.json(await db.get('SELECT username, name FROM users WHERE id = ?', [userId]));
});

app.post('/logout', (req, res) => {
  res.clearCookie('sid');
  res.status(204).end();
});

export default app;
