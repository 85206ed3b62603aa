import express from 'express';
import sqlite3 from 'sqlite3';
import { open } from 'sqlite';

const app = express();
app.use(express.json());

// One connection to the database file, opened when the app starts. The checks give your app a fresh
// file of its own (DATABASE_FILE); when you press Run it uses kitchen.db, which stays between runs.
const db = await open({ filename: process.env.DATABASE_FILE ?? 'kitchen.db', driver: sqlite3.Database });

// The users and posts tables, made on the first start. Don't change them: the checks read and write them.
await db.exec(`
  CREATE TABLE IF NOT EXISTS users (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('member', 'admin')),
    token TEXT NOT NULL UNIQUE
  );
  CREATE TABLE IF NOT EXISTS posts (
    id INTEGER PRIMARY KEY,
    author_id INTEGER NOT NULL REFERENCES users (id),
    title TEXT NOT NULL,
    body TEXT NOT NULL DEFAULT ''
  );
  INSERT OR IGNORE INTO users (id, name, role, token) VALUES
    (1, 'Ana', 'member', 'tok_ana_51f0c2'),
    (2, 'Ben', 'member', 'tok_ben_8d22a7'),
    (3, 'Chloe', 'admin', 'tok_chloe_e94b10');
  INSERT OR IGNORE INTO posts (id, author_id, title, body) VALUES
    (1, 1, 'Sourdough starter tips', 'Feed it every morning.'),
    (2, 2, 'Sharpening knives', 'Use a whetstone.');
`);

const toJson = (post) => ({ id: post.id, authorId: post.author_id, title: post.title, body: post.body });

// Who is asking: the user whose token is in "Authorization: Bearer <token>", looked up on every
// request, so a changed role counts at once. Nothing else the client sends says who it is.
async function authenticate(req, res, next) {
  const [scheme, token] = (req.get('Authorization') ?? '').split(' ');
  const user = scheme === 'Bearer' && token ? await db.get('SELECT id, role FROM users WHERE token = ?', token) : undefined;
  if (!user) {
    res.set('WWW-Authenticate', 'Bearer');
    return res.status(401).json({ error: 'Send a valid token: Authorization: Bearer <token>.' });
  }
  req.user = user;
  next();
}

// Loads the post named in the URL, or answers 404.
async function loadPost(req, res, next) {
  const post = await db.get('SELECT * FROM posts WHERE id = ?', req.params.id);
  if (!post) return res.status(404).json({ error: 'No post with this id.' });
  req.post = post;
  next();
}

const isAuthor = (req) => req.post.author_id === req.user.id;
const isAdmin = (req) => req.user.role === 'admin';

app.get('/posts', async (req, res) => {
  const posts = await db.all('SELECT * FROM posts ORDER BY id');
  res.json(posts.map(toJson));
});

app.post('/posts', authenticate, async (req, res) => {
  const { title, body = '' } = req.body ?? {};
  const { lastID } = await db.run('INSERT INTO posts (author_id, title, body) VALUES (?, ?, ?)', req.user.id, title, body);
  res.status(201).json(toJson(await db.get('SELECT * FROM posts WHERE id = ?', lastID)));
});

app.patch('/posts/:id', authenticate, loadPost, async (req, res) => {
  if (!isAuthor(req)) return res.status(403).json({ error: 'Only the author may edit this post.' });
  const { title = req.post.title, body = req.post.body } = req.body ?? {};
  await db.run('UPDATE posts SET title = ?, body = ? WHERE id = ?', title, body, req.post.id);
  res.json(toJson(await db.get('SELECT * FROM posts WHERE id = ?', req.post.id)));
});

app.delete('/posts/:id', authenticate, loadPost, async (req, res) => {
  if (!isAuthor(req) && !isAdmin(req)) return res.status(403).json({ error: 'Only the author or an admin may delete this post.' });
  await db.run('DELETE FROM posts WHERE id = ?', req.post.id);
  res.status(204).end();
});

export default app;
