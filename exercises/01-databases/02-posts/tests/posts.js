// What the tests of this exercise share: posts the check writes into the table itself (so a task's
// tests never depend on another task's route), and checks that say "this needs task N first".
import { isDeepStrictEqual } from 'node:util';
import { countRows, tableColumns, writeDatabase } from '../grading/db.js';
import { learnerApp, request } from '../grading/http.js';
import { currentTaskId, fail } from '../grading/runtime.js';

/** A title and a body that break SQL that pastes values in: they must be stored exactly as sent. */
export const ATTACK = {
  title: "x'); DROP TABLE posts; --",
  body: `O'Brien's "famous" soup; -- it's back`,
};

/** Starts the app and writes a post into its posts table; returns { id, title, body }. */
export async function addPost(title = 'Stock from scratch', body = 'Bones, water, time.') {
  await learnerApp();
  const names = (await tableColumns('posts')).map((column) => column.name.toLowerCase());
  if (!['id', 'title', 'body'].every((name) => names.includes(name))) {
    fail(
      `Task ${currentTaskId()} · the database has no posts table with the columns id, title and body. ` +
        'Keep the CREATE TABLE of the starter in app.js as it was.',
    );
  }
  const { lastID } = await writeDatabase('INSERT INTO posts (title, body) VALUES (?, ?)', [title, body]);
  return { id: lastID, title, body };
}

export function postCount() {
  return countRows('posts');
}

/** The reply's content type says JSON. */
export function expectJsonType(res) {
  const type = res.headers['content-type'];
  res.expect(/json/i.test(type ?? ''), `a JSON content type (answer with res.json(…)); the content-type is ${type ? `"${type}"` : 'missing'}`);
}

/** The reply's body is a post with a whole-number id (the number of its row). */
export function expectId(res) {
  res.expect(Number.isInteger(res.body?.id), `the post to have an "id", the number of its row; got ${JSON.stringify(res.body?.id) ?? 'none'}`);
}

/** The reply's body is exactly this post: its three fields and no others. */
export function expectPost(res, post) {
  res.expect(isDeepStrictEqual(res.body, post), `the post ${JSON.stringify(post)} as JSON; got ${JSON.stringify(res.body) ?? 'no JSON body'}`);
}

/**
 * Sends a valid PUT or PATCH to a post of its own first, and fails with "this needs task 3 first"
 * unless it answers 200: the task-5 tests of PUT and PATCH only make sense once they work.
 */
export async function needsChanges(method) {
  const post = await addPost();
  const res = await request(method, `/posts/${post.id}`, { body: { title: 'Checked first', body: post.body } });
  res.needsTask(3, res.status === 200, `a valid ${method} /posts/:id should answer 200 (it answered ${res.status})`);
}
