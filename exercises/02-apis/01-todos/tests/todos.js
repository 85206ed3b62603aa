// What the to-do tests share: to-dos the check writes into the table itself (so a task's tests never
// depend on another task's route), and checks whose messages say what a to-do should look like.
import { isDeepStrictEqual } from 'node:util';
import { tableColumns, writeDatabase } from '../grading/db.js';
import { learnerApp } from '../grading/http.js';
import { currentTaskId, fail } from '../grading/runtime.js';

/** Starts the app and writes a to-do into its todos table; returns it as the API shows it. */
export async function addTodo(title = 'Scrub the grill', done = false) {
  await learnerApp();
  const names = (await tableColumns('todos')).map((column) => column.name.toLowerCase());
  if (!['id', 'title', 'done'].every((name) => names.includes(name))) {
    fail(
      `Task ${currentTaskId()} · the database has no todos table with the columns id, title and done. ` +
        'Keep the CREATE TABLE of the starter in app.js as it was.',
    );
  }
  const { lastID } = await writeDatabase('INSERT INTO todos (title, done) VALUES (?, ?)', [title, done ? 1 : 0]);
  return { id: lastID, title, done };
}

/** The reply's content type says JSON. */
export function expectJsonType(res) {
  const type = res.headers['content-type'];
  res.expect(/json/i.test(type ?? ''), `a JSON content type (answer with res.json(…)); the content-type is ${type ? `"${type}"` : 'missing'}`);
}

/** The reply's body is exactly this to-do: its three fields, done as true or false, and no others. */
export function expectTodo(res, todo) {
  const hint =
    typeof res.body?.done === 'number' ? ' ("done" must be true or false in JSON, not the 0 or 1 of the table)' : '';
  res.expect(isDeepStrictEqual(res.body, todo), `the to-do ${JSON.stringify(todo)} as JSON; got ${JSON.stringify(res.body) ?? 'no JSON body'}${hint}`);
}

/** The methods an Allow header lists, upper-cased: "GET, post" → ['GET', 'POST']. */
export function allowedMethods(res) {
  return (res.headers.allow ?? '')
    .split(',')
    .map((method) => method.trim().toUpperCase())
    .filter(Boolean);
}

/**
 * A 405 whose Allow header lists exactly `expected` (HEAD and OPTIONS may be added: Express answers
 * them itself).
 */
export function expectMethodNotAllowed(res, expected) {
  res.expectError(405);
  res.expect(res.headers.allow !== undefined, `an Allow header listing ${expected.join(', ')}; the response has none`);
  const listed = allowedMethods(res).filter((method) => method !== 'HEAD' && method !== 'OPTIONS');
  const missing = expected.filter((method) => !listed.includes(method));
  const extra = listed.filter((method) => !expected.includes(method));
  res.expect(
    missing.length === 0 && extra.length === 0,
    `the Allow header to list the methods this path supports, ${expected.join(', ')}; got "${res.headers.allow}"` +
      (missing.length > 0 ? `, which leaves out ${missing.join(', ')}` : '') +
      (extra.length > 0 ? `${missing.length > 0 ? ' and' : ','} lists ${extra.join(', ')}, which this path does not support` : ''),
  );
}
