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

// Loads the post named in the URL, or answers 404.
async function loadPost(req, res, next) {
  const post = await db.get('SELECT * FROM posts WHERE id = ?', req.params.id);
  if (!post) return res.status(404).json({ error: 'No post with this id.' });
  req.post = post;
  next();
}

app.get('/posts', async (req, res) => {
  const posts = await db.all('SELECT * FROM posts ORDER BY id');
  res.json(posts.map(toJson));
});

// TODO (tasks 1 and 4): who is the author? The client says so in the body, and anyone can post.
app.post('/posts', async (req, res) => {
  const { authorId, title, body = '' } = req.body ?? {};
  const { lastID } = await db.run('INSERT INTO posts (author_id, title, body) VALUES (?, ?, ?)', authorId, title, body);
  res.status(201).json(toJson(await db.get('SELECT * FROM posts WHERE id = ?', lastID)));
});

// TODO (tasks 1 and 2): anyone can edit any post.
app.patch('/posts/:id', loadPost, async (req, res) => {
  const { title = req.post.title, body = req.post.body } = req.body ?? {};
  await db.run('UPDATE posts SET title = ?, body = ? WHERE id = ?', title, body, req.post.id);
  res.json(toJson(await db.get('SELECT * FROM posts WHERE id = ?', req.post.id)));
});

// TODO (tasks 1, 3 and 4): anyone can delete any post; the X-Role header makes you an admin.
app.delete('/posts/:id', loadPost, async (req, res) => {
  if (req.get('X-Role') !== 'admin' && req.body?.authorId !== req.post.author_id) {
    return res.status(403).json({ error: 'Only the author or an admin may delete this post.' });
  }
  await db.run('DELETE FROM posts WHERE id = ?', req.post.id);
  res.status(204).end();
});

export default app;
