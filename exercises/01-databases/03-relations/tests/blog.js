// What the tests of this exercise share: users, posts and comments the check writes into the tables
// itself, so each test has rows of its own and no task's test depends on another task's route.
import { countRows, queryDatabase, tableColumns, writeDatabase } from '../grading/db.js';
import { learnerApp, request } from '../grading/http.js';
import { currentTaskId, fail } from '../grading/runtime.js';

const TABLES = {
  users: ['id', 'name'],
  posts: ['id', 'author_id', 'title', 'body'],
  comments: ['id', 'post_id', 'author_id', 'body'],
};

let checked = false;

/** Starts the app; fails unless it still creates the starter's three tables. */
async function needsTables() {
  await learnerApp();
  if (checked) return;
  for (const [table, columns] of Object.entries(TABLES)) {
    const names = (await tableColumns(table)).map((column) => column.name.toLowerCase());
    if (!columns.every((name) => names.includes(name))) {
      fail(
        `Task ${currentTaskId()} · the database has no ${table} table with the columns ${columns.join(', ')}. ` +
          'Keep the CREATE TABLE statements of the starter in app.js as they were.',
      );
    }
  }
  checked = true;
}

/**
 * An id above every id of the three tables, and far from them: rows the check adds never share an id
 * with a row of another table, so an answer that takes the author's id for the post's (SELECT * over a
 * join keeps the last "id") cannot match by chance.
 */
async function freshId() {
  await needsTables();
  const [{ top }] = await queryDatabase(
    `SELECT max(coalesce((SELECT max(id) FROM users), 0), coalesce((SELECT max(id) FROM posts), 0),
                coalesce((SELECT max(id) FROM comments), 0)) AS top`,
  );
  return top + 100;
}

/** @returns {Promise<{ id: number, name: string }>} */
export async function addUser(name) {
  const id = await freshId();
  await writeDatabase('INSERT INTO users (id, name) VALUES (?, ?)', [id, name]);
  return { id, name };
}

/** @returns {Promise<{ id: number, title: string, body: string, author: { id: number, name: string } }>} */
export async function addPost(author, title, body) {
  const id = await freshId();
  await writeDatabase('INSERT INTO posts (id, author_id, title, body) VALUES (?, ?, ?, ?)', [id, author.id, title, body]);
  return { id, title, body, author };
}

/** @returns {Promise<{ id: number, body: string, author: { id: number, name: string } }>} */
export async function addComment(post, author, body) {
  const id = await freshId();
  await writeDatabase('INSERT INTO comments (id, post_id, author_id, body) VALUES (?, ?, ?, ?)', [id, post.id, author.id, body]);
  return { id, body, author };
}

/** How many comments the table holds (those matching `where`, such as { post_id: 3 }). */
export function commentCount(where = {}) {
  return countRows('comments', where);
}

/** Comments whose post or author is not in the database: a database that refuses orphans has none. */
export function orphanComments() {
  return queryDatabase(
    `SELECT id, post_id, author_id FROM comments
     WHERE post_id NOT IN (SELECT id FROM posts) OR author_id NOT IN (SELECT id FROM users)`,
  );
}

/** The reply's content type says JSON. */
export function expectJsonType(res) {
  const type = res.headers['content-type'];
  res.expect(/json/i.test(type ?? ''), `a JSON content type (answer with res.json(…)); the content-type is ${type ? `"${type}"` : 'missing'}`);
}

/** A comment as the instructions define it, from any object: only the fields that count. */
export function commentShape(comment) {
  return {
    id: comment?.id,
    body: comment?.body,
    author: { id: comment?.author?.id, name: comment?.author?.name },
  };
}

/** Fails with "this needs task 1 first" unless GET /posts/:id answers 200 for this post. */
export async function needsPostRoute(post) {
  const res = await request('GET', `/posts/${post.id}`);
  res.needsTask(1, res.status === 200 && res.body !== undefined, 'GET /posts/:id should answer 200 with the post as JSON');
  return res;
}
