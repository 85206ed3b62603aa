import express from 'express';
import sqlite3 from 'sqlite3';
import { open } from 'sqlite';

const app = express();

// One connection to the database file, opened when the app starts. The checks give your app a fresh
// file of its own (DATABASE_FILE); when you press Run it uses kitchen.db.
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

// Every post with its author. One query for the posts, then one more for each post's author: with
// 15 posts that is 16 queries, and with 1,500 posts it would be 1,501.
// TODO (task 1): answer the same in at most 2 queries, however many posts there are.
app.get('/posts', async (req, res) => {
  const posts = await db.all('SELECT id, title, author_id FROM posts ORDER BY id');
  const result = [];
  for (const post of posts) {
    const author = await db.get('SELECT id, name FROM users WHERE id = ?', post.author_id);
    result.push({ id: post.id, title: post.title, author });
  }
  res.json(result);
});

// Every user with the number of posts they wrote.
// TODO (task 2): answer the same in at most 2 queries, however many users there are.
app.get('/authors', async (req, res) => {
  const users = await db.all('SELECT id, name FROM users ORDER BY id');
  const result = [];
  for (const user of users) {
    const { count } = await db.get('SELECT COUNT(*) AS count FROM posts WHERE author_id = ?', user.id);
    result.push({ id: user.id, name: user.name, postCount: count });
  }
  res.json(result);
});

// One post with its author and its comments, each comment with its author.
// TODO (task 3): answer the same in at most 4 queries, however many comments the post has.
app.get('/posts/:id', async (req, res) => {
  const post = await db.get('SELECT id, title, body, author_id FROM posts WHERE id = ?', req.params.id);
  if (!post) return res.status(404).json({ error: `There is no post ${req.params.id}.` });
  const author = await db.get('SELECT id, name FROM users WHERE id = ?', post.author_id);
  const comments = await db.all('SELECT id, body, author_id FROM comments WHERE post_id = ? ORDER BY id', post.id);
  const withAuthors = [];
  for (const comment of comments) {
    const commenter = await db.get('SELECT id, name FROM users WHERE id = ?', comment.author_id);
    withAuthors.push({ id: comment.id, body: comment.body, author: commenter });
  }
  res.json({ id: post.id, title: post.title, body: post.body, author, comments: withAuthors });
});

export default app;
