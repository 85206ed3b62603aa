import express from 'express';
import sqlite3 from 'sqlite3';
import { open } from 'sqlite';
import bcrypt from 'bcryptjs';
import jwt from 'jsonwebtoken';

const app = express();
app.use(express.json());

// The key that signs and checks every token. The checks set JWT_SECRET to a secret of their own; the
// text after ?? is only for pressing Run, and a real app refuses to start without the variable.
const JWT_SECRET = process.env.JWT_SECRET ?? 'run-only-secret-never-use-it-outside-this-workspace';

// One connection to the database file, opened when the app starts. The checks give your app a fresh
// file of its own (DATABASE_FILE); when you press Run it uses kitchen.db, which stays between runs.
const db = await open({ filename: process.env.DATABASE_FILE ?? 'kitchen.db', driver: sqlite3.Database });

// The staff who may sign in, with bcrypt hashes of their passwords (the passwords lesson).
// alice's password is tomato-soup-42, bob's is lemon-tart-17.
await db.exec(`
  CREATE TABLE IF NOT EXISTS users (
    id INTEGER PRIMARY KEY,
    username TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL
  );
  INSERT OR IGNORE INTO users (id, username, password_hash) VALUES
    (1, 'alice', '$2b$10$.8UcMz.bJA1bhV1NJdA5HOKgLdw8zuBy2g12SPAmKWpatdQy41adO'),
    (2, 'bob', '$2b$10$w7cKaU.ibsmvMwm985MQPOPtFjYErtx9kWl5M1tXg00Rdp4/S99J2');
`);

app.post('/login', async (req, res) => {
  const { username, password } = req.body ?? {};
  const user = await db.get('SELECT id, password_hash FROM users WHERE username = ?', String(username));
  if (!user || !(await bcrypt.compare(String(password), user.password_hash))) {
    return res.status(401).json({ error: 'Wrong username or password.' });
  }
  // A short-lived access token: who it is for (sub, a string) and when it stops working (exp).
  const accessToken = jwt.sign({ sub: String(user.id) }, JWT_SECRET, { algorithm: 'HS256', expiresIn: '15m' });
  res.json({ accessToken });
});

// Checks the Bearer token and puts the signed-in user's id on req.userId; answers 401 otherwise.
function requireToken(req, res, next) {
  const [scheme, token] = (req.get('Authorization') ?? '').split(' ');
  if (scheme !== 'Bearer' || !token) {
    return res.status(401).json({ error: 'Send your access token: Authorization: Bearer <token>.' });
  }
  try {
    // Pinning the algorithm refuses alg "none" and every algorithm but ours; verify also checks exp.
    const payload = jwt.verify(token, JWT_SECRET, { algorithms: ['HS256'] });
    req.userId = payload.sub;
    next();
  } catch {
    res.status(401).json({ error: 'Your access token is not valid or has expired. Sign in again.' });
  }
}

app.get('/me', requireToken, async (req, res) => {
  const user = await db.get('SELECT id, username FROM users WHERE id = ?', req.userId);
  if (!user) return res.status(401).json({ error: 'The user of this token no longer exists.' });
  res.json(user);
});

export default app;
