import express from 'express';
import sqlite3 from 'sqlite3';
import { open } from 'sqlite';
import { z } from 'zod';

const app = express();

// One connection to the database file, opened when the app starts. The checks give your app a fresh
// file of its own (DATABASE_FILE); when you press Run it uses kitchen.db, which stays between runs.
const db = await open({ filename: process.env.DATABASE_FILE ?? 'kitchen.db', driver: sqlite3.Database });

// The recipes table, made and filled on the first start. Don't change it: the checks read it, and add
// recipes of their own while they page through it. Many recipes share a created_at on purpose.
await db.exec(`
  CREATE TABLE IF NOT EXISTS recipes (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    created_at TEXT NOT NULL
  )
`);
const FIRST_RECIPES = [
  ['100% rye bread', '2026-03-01T09:00:00.000Z'],
  ['Brioche', '2026-03-01T15:00:00.000Z'],
  ['Nicoise salad', '2026-03-02T09:00:00.000Z'],
  ['Pumpkin soup', '2026-03-03T15:00:00.000Z'],
  ['Pea soup', '2026-03-04T12:00:00.000Z'],
  ['French toast', '2026-03-01T15:00:00.000Z'],
  ['Jollof rice', '2026-03-02T15:00:00.000Z'],
  ['Soda bread', '2026-03-03T12:00:00.000Z'],
  ['Lemon tart', '2026-03-05T15:00:00.000Z'],
  ['Tomato soup', '2026-03-02T09:00:00.000Z'],
  ['Leek and potato soup', '2026-03-04T18:00:00.000Z'],
  ['Apple pie', '2026-03-03T09:00:00.000Z'],
  ['Pesto pasta', '2026-03-01T18:00:00.000Z'],
  ['Caprese salad', '2026-03-04T15:00:00.000Z'],
  ['Apple pie', '2026-03-02T12:00:00.000Z'],
  ['Risotto ai funghi', '2026-03-02T18:00:00.000Z'],
  ['Tiramisu', '2026-03-03T12:00:00.000Z'],
  ['Bagels', '2026-03-05T18:00:00.000Z'],
  ['Roast chicken', '2026-03-05T18:00:00.000Z'],
  ['Eggs Benedict', '2026-03-01T12:00:00.000Z'],
  ['Pavlova', '2026-03-03T15:00:00.000Z'],
  ['Shakshuka', '2026-03-05T12:00:00.000Z'],
  ['Rice pudding', '2026-03-03T12:00:00.000Z'],
  ['Fish pie', '2026-03-05T09:00:00.000Z'],
  ['Pancakes', '2026-03-05T15:00:00.000Z'],
  ['Chocolate mousse', '2026-03-03T09:00:00.000Z'],
  ['Risotto alla milanese', '2026-03-04T12:00:00.000Z'],
  ['Steak frites', '2026-03-04T18:00:00.000Z'],
  ['Cheesecake', '2026-03-02T09:00:00.000Z'],
  ['Potato salad', '2026-03-01T15:00:00.000Z'],
  ['Chicken curry', '2026-03-04T09:00:00.000Z'],
  ['Onion soup', '2026-03-01T18:00:00.000Z'],
  ['Carbonara', '2026-03-02T15:00:00.000Z'],
  ['Panna cotta', '2026-03-01T09:00:00.000Z'],
  ['Bread in 100 minutes', '2026-03-02T15:00:00.000Z'],
  ['Omelette', '2026-03-03T18:00:00.000Z'],
  ['Sourdough loaf', '2026-03-03T09:00:00.000Z'],
  ["Shepherd's pie", '2026-03-05T15:00:00.000Z'],
  ['Caesar salad', '2026-03-05T18:00:00.000Z'],
  ['Lentil soup', '2026-03-02T12:00:00.000Z'],
  ['Fish soup', '2026-03-05T09:00:00.000Z'],
  ['Waldorf salad', '2026-03-03T18:00:00.000Z'],
  ['Paella', '2026-03-02T18:00:00.000Z'],
  ['Beef stew', '2026-03-02T12:00:00.000Z'],
  ['Biryani', '2026-03-03T15:00:00.000Z'],
  ['Pork belly', '2026-03-03T18:00:00.000Z'],
  ['Greek salad', '2026-03-04T09:00:00.000Z'],
  ['Tomato soup', '2026-03-04T12:00:00.000Z'],
  ['Coleslaw', '2026-03-05T09:00:00.000Z'],
  ['Miso soup', '2026-03-05T12:00:00.000Z'],
  ['Granola', '2026-03-01T12:00:00.000Z'],
  ['Waffles', '2026-03-04T09:00:00.000Z'],
  ['Creme brulee', '2026-03-01T12:00:00.000Z'],
  ['Focaccia', '2026-03-01T18:00:00.000Z'],
  ['Crepes', '2026-03-02T18:00:00.000Z'],
  ['Pita bread', '2026-03-05T12:00:00.000Z'],
  ['Fried rice', '2026-03-04T18:00:00.000Z'],
  ['Sushi rice', '2026-03-04T15:00:00.000Z'],
  ['Lamb tagine', '2026-03-01T09:00:00.000Z'],
  ['Tabbouleh', '2026-03-04T15:00:00.000Z'],
];
const { count } = await db.get('SELECT count(*) AS count FROM recipes');
if (count === 0) {
  for (const [title, createdAt] of FIRST_RECIPES) {
    await db.run('INSERT INTO recipes (title, created_at) VALUES (?, ?)', title, createdAt);
  }
}

/** A row of the table as the API shows it. */
function toRecipe(row) {
  return { id: row.id, title: row.title, createdAt: row.created_at };
}

// TODO (tasks 1–4): search with ?q=, sort with ?sort=, cap ?limit= and page with a next link.
app.get('/recipes', async (req, res) => {
  const rows = await db.all('SELECT id, title, created_at FROM recipes ORDER BY id');
  res.json({ items: rows.map(toRecipe), next: null });
});

export default app;
