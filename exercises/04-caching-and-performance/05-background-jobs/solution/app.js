import express from 'express';
import sqlite3 from 'sqlite3';
import { open } from 'sqlite';

const app = express();
app.use(express.json());

// One connection to the database file, opened when the app starts. The checks give your app a fresh
// file of its own (DATABASE_FILE); when you press Run it uses kitchen.db, which stays between runs.
const db = await open({ filename: process.env.DATABASE_FILE ?? 'kitchen.db', driver: sqlite3.Database });

// The orders the reports count, made and filled on the first start. Don't change them.
await db.exec(`
  CREATE TABLE IF NOT EXISTS orders (
    id INTEGER PRIMARY KEY,
    placed_on TEXT NOT NULL,
    total_cents INTEGER NOT NULL
  );
  INSERT OR IGNORE INTO orders (id, placed_on, total_cents) VALUES
    (1, '2026-10-03', 2450), (2, '2026-10-17', 1300), (3, '2026-11-02', 3100),
    (4, '2026-11-09', 850), (5, '2026-11-21', 4200), (6, '2026-12-01', 1990);
`);

// The queue, one row per job, kept in the database. Keep the table's name (the checks count its
// rows); add columns if you need more.
await db.exec(`
  CREATE TABLE IF NOT EXISTS jobs (
    id INTEGER PRIMARY KEY,
    month TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'queued',
    result TEXT,
    error TEXT
  )
`);

const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// The slow work: a month's sales report. Reading the orders is quick; "rendering" the report takes
// 2 seconds. A month without orders fails. Don't change this function.
async function buildReport(month) {
  const { orders, totalCents } = await db.get(
    "SELECT count(*) AS orders, coalesce(sum(total_cents), 0) AS totalCents FROM orders WHERE strftime('%Y-%m', placed_on) = ?",
    month,
  );
  await wait(2000);
  if (orders === 0) throw new Error(`No orders in ${month}: nothing to report.`);
  return { month, orders, totalCents };
}

function toJson(job) {
  const json = { id: job.id, status: job.status };
  if (job.status === 'done') json.result = JSON.parse(job.result);
  if (job.status === 'failed') json.error = job.error;
  return json;
}

app.post('/reports', async (req, res) => {
  if (!/^\d{4}-\d{2}$/.test(req.body?.month ?? '')) {
    return res.status(400).json({ error: 'Send the month as YYYY-MM, e.g. { "month": "2026-11" }.' });
  }
  const { lastID } = await db.run("INSERT INTO jobs (month, status) VALUES (?, 'queued')", req.body?.month);
  res.status(202).location(`/jobs/${lastID}`).json({ id: lastID, status: 'queued' });
});

app.get('/jobs/:id', async (req, res) => {
  const job = await db.get('SELECT * FROM jobs WHERE id = ?', req.params.id);
  if (!job) return res.status(404).json({ error: 'No job with this id.' });
  res.json(toJson(job));
});

// The worker: every second it takes the oldest queued job, if any, and runs it to the end.
let busy = false;
async function workOnce() {
  if (busy) return;
  busy = true;
  try {
    const job = await db.get("SELECT * FROM jobs WHERE status = 'queued' ORDER BY id LIMIT 1");
    if (!job) return;
    await db.run("UPDATE jobs SET status = 'running' WHERE id = ?", job.id);
    try {
      const report = await buildReport(job.month);
      await db.run("UPDATE jobs SET status = 'done', result = ? WHERE id = ?", JSON.stringify(report), job.id);
    } catch (error) {
      await db.run("UPDATE jobs SET status = 'failed', error = ? WHERE id = ?", error.message, job.id);
    }
  } finally {
    busy = false;
  }
}
setInterval(workOnce, 1000);

export default app;
