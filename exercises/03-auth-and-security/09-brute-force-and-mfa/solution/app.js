import express from 'express';
import sqlite3 from 'sqlite3';
import { open } from 'sqlite';
import bcrypt from 'bcryptjs';
import { rateLimit } from 'express-rate-limit';
import * as OTPAuth from 'otpauth';

const app = express();
app.use(express.json());

// One connection to the database file, opened when the app starts. The checks give your app a fresh
// file of its own (DATABASE_FILE); when you press Run it uses kitchen.db, which stays between runs.
const db = await open({ filename: process.env.DATABASE_FILE ?? 'kitchen.db', driver: sqlite3.Database });

// The diners. Keep these columns as they are; totp_secret is there for task 3.
await db.exec(`
  CREATE TABLE IF NOT EXISTS users (
    id INTEGER PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    totp_secret TEXT
  )
`);

/** The diner's TOTP: 6 digits, a new code every 30 seconds, from the secret they scanned. */
function totpFor(email, base32Secret) {
  return new OTPAuth.TOTP({
    issuer: 'Kitchen',
    label: email,
    secret: OTPAuth.Secret.fromBase32(base32Secret),
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
  });
}

// Sign a diner up: { "email": "…", "password": "…" }. The answer carries the otpauth:// address their
// authenticator app scans (as a QR code, in a real sign-up page).
app.post('/register', async (req, res) => {
  const { email, password } = req.body;
  const passwordHash = await bcrypt.hash(password, 10);
  const secret = new OTPAuth.Secret({ size: 20 }).base32;
  const { lastID } = await db.run(
    'INSERT INTO users (email, password_hash, totp_secret) VALUES (?, ?, ?)',
    email,
    passwordHash,
    secret,
  );
  res.status(201).json({ id: lastID, email, otpauthUrl: totpFor(email, secret).toString() });
});

// Five failed logins for one email, whether or not anyone signed up with it, and that email is locked
// for 15 minutes. Successful logins don't count. The answer never says whether the account exists.
const loginLimiter = rateLimit({
  windowMs: 15 * 60 * 1000,
  limit: 5,
  skipSuccessfulRequests: true,
  keyGenerator: (req) => String(req.body?.email ?? '').toLowerCase(),
  standardHeaders: 'draft-8',
  legacyHeaders: false,
  message: { error: 'Too many failed logins. Try again later.' },
});

// The last time step whose code let each diner in: a code works once (RFC 6238, section 5.2).
const lastUsedStep = new Map();

const WRONG = { error: 'Wrong email, password or code.' };
// Compared against when nobody has the email, so both 401s take about as long.
const DUMMY_HASH = await bcrypt.hash('no-such-diner', 10);

// Log a diner in: { "email": "…", "password": "…", "code": "123456" }.
app.post('/login', loginLimiter, async (req, res) => {
  const { email, password, code } = req.body;
  const user = await db.get('SELECT id, email, password_hash, totp_secret FROM users WHERE email = ?', email);
  if (!(await bcrypt.compare(password, user?.password_hash ?? DUMMY_HASH)) || !user) {
    return res.status(401).json(WRONG);
  }
  // The code of this 30-second step, the one before or the one after: a window of one step.
  const totp = totpFor(user.email, user.totp_secret);
  const delta = typeof code === 'string' ? totp.validate({ token: code, window: 1 }) : null;
  const step = delta === null ? undefined : totp.counter() + delta;
  if (step === undefined || step <= (lastUsedStep.get(user.id) ?? -1)) {
    return res.status(401).json(WRONG);
  }
  lastUsedStep.set(user.id, step);
  res.json({ id: user.id, email: user.email });
});

export default app;
