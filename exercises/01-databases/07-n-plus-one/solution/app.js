import express from 'express';
import sqlite3 from 'sqlite3';
import { open } from 'sqlite';

const app = express();

const db = await open({ filename: process.env.DATABASE_FILE ?? 'kitchen.db', driver: sqlite3.Database });

// The kitchen's blog: users write posts, and comment on them. Don't change the tables or the rows:
// the checks rely on them.
await db.exec(`
  CREATE TABLE IF NOT EXISTS users (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL
  );
  CREATE TABLE IF NOT EXISTS posts (
    id INTEGER PRIMARY KEY,
    author_id INTEGER NOT NULL REFERENCES users (id),
    title TEXT NOT NULL,
    body TEXT NOT NULL
  );
  CREATE TABLE IF NOT EXISTS comments (
    id INTEGER PRIMARY KEY,
    post_id INTEGER NOT NULL REFERENCES posts (id),
    author_id INTEGER NOT NULL REFERENCES users (id),
    body TEXT NOT NULL
  );
  INSERT OR IGNORE INTO users (id, name) VALUES
    (1, 'Ada'), (2, 'Grace'), (3, 'Linus'), (4, 'Margaret'), (5, 'Alan'), (6, 'Barbara');
  INSERT OR IGNORE INTO posts (id, author_id, title, body) VALUES
    (1, 1, 'Why we weigh the flour', 'Cups lie; scales do not.'),
    (2, 2, 'Ten minutes of mise en place', 'Everything in its place before the first order.'),
    (3, 1, 'The stock pot never sleeps', 'Bones, water, patience.'),
    (4, 3, 'Sharp knives are safe knives', 'A dull knife slips.'),
    (5, 4, 'Tasting as you go', 'Salt at every stage, not just the end.'),
    (6, 2, 'The walk-in is not a storage room', 'First in, first out.'),
    (7, 5, 'Timing six tables at once', 'Work backwards from the slowest dish.'),
    (8, 1, 'Bread every morning', 'The starter is older than the restaurant.'),
    (9, 3, 'Cleaning as you go', 'A clean station is a fast station.'),
    (10, 4, 'Menus that change with the season', 'Cook what the market has.'),
    (11, 2, 'Plating for the photo', 'Eat with your eyes first.'),
    (12, 5, 'The rush at eight', 'Everyone orders at once.'),
    (13, 1, 'Sauces from scratch', 'Butter, patience, a whisk.'),
    (14, 3, 'Night shift notes', 'Prep for tomorrow before you leave.'),
    (15, 4, 'Feeding the staff', 'Family meal matters.');
  INSERT OR IGNORE INTO comments (id, post_id, author_id, body) VALUES
    (1, 1, 2, 'Scales changed my baking.'), (2, 1, 3, 'Grams or ounces?'),
    (3, 2, 1, 'Every single morning.'), (4, 3, 2, 'How long do you simmer?'),
    (5, 3, 4, 'Roast the bones first!'), (6, 3, 5, 'Twelve hours here.'),
    (7, 3, 6, 'Never boil it.'), (8, 3, 3, 'Skim, skim, skim.'),
    (9, 3, 2, 'Thanks, all.'), (10, 3, 1, 'Patience is the ingredient.'),
    (11, 3, 6, 'Freeze it in cubes.'), (12, 4, 1, 'Whetstone or steel?'),
    (13, 5, 3, 'And taste again.'), (14, 6, 5, 'Labels with dates!'),
    (15, 7, 2, 'The fish goes last.'), (16, 8, 4, 'What flour do you use?'),
    (17, 8, 6, 'Smells wonderful.'), (18, 9, 1, 'Wipe down after every task.'),
    (19, 10, 5, 'Asparagus season!'), (20, 12, 4, 'Eight is chaos.'),
    (21, 12, 1, 'Prep more the day before.'), (22, 13, 2, 'Hollandaise is the hardest.'),
    (23, 14, 6, 'Good habit.'), (24, 15, 3, 'The best meal of the day.');
`);

// A JOIN brings each post's author along in the same query: one query, however many posts.
app.get('/posts', async (req, res) => {
  const rows = await db.all(`
    SELECT posts.id, posts.title, users.id AS author_id, users.name AS author_name
    FROM posts JOIN users ON users.id = posts.author_id
    ORDER BY posts.id
  `);
  res.json(rows.map((row) => ({ id: row.id, title: row.title, author: { id: row.author_id, name: row.author_name } })));
});

// LEFT JOIN keeps the users who wrote nothing (their count is 0); GROUP BY makes one row per user.
app.get('/authors', async (req, res) => {
  const authors = await db.all(`
    SELECT users.id, users.name, COUNT(posts.id) AS postCount
    FROM users LEFT JOIN posts ON posts.author_id = users.id
    GROUP BY users.id
    ORDER BY users.id
  `);
  res.json(authors);
});

// Two queries: the post with its author, then all its comments with theirs.
app.get('/posts/:id', async (req, res) => {
  const post = await db.get(
    `SELECT posts.id, posts.title, posts.body, users.id AS author_id, users.name AS author_name
     FROM posts JOIN users ON users.id = posts.author_id
     WHERE posts.id = ?`,
    req.params.id,
  );
  if (!post) return res.status(404).json({ error: `There is no post ${req.params.id}.` });
  const comments = await db.all(
    `SELECT comments.id, comments.body, users.id AS author_id, users.name AS author_name
     FROM comments JOIN users ON users.id = comments.author_id
     WHERE comments.post_id = ?
     ORDER BY comments.id`,
    post.id,
  );
  res.json({
    id: post.id,
    title: post.title,
    body: post.body,
    author: { id: post.author_id, name: post.author_name },
    comments: comments.map((c) => ({ id: c.id, body: c.body, author: { id: c.author_id, name: c.author_name } })),
  });
});

export default app;
