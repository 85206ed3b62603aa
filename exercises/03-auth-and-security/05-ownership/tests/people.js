// What the ownership tests share: the three users app.js seeds, how to send a request as one of them,
// and posts and users the grader writes straight into the database to set a scene, so that a test of
// editing or deleting never depends on POST /posts (task 1) working.
import { learnerApp, request } from '../grading/http.js';
import { queryDatabase, writeDatabase } from '../grading/db.js';

/** The users app.js seeds (the instructions list them). */
export const ANA = { id: 1, name: 'Ana', role: 'member', token: 'tok_ana_51f0c2' };
export const BEN = { id: 2, name: 'Ben', role: 'member', token: 'tok_ben_8d22a7' };
export const CHLOE = { id: 3, name: 'Chloe', role: 'admin', token: 'tok_chloe_e94b10' };

/** The Authorization header of `user`, plus any `extra` headers. */
export function as(user, extra = {}) {
  return { authorization: `Bearer ${user.token}`, ...extra };
}

let counter = 0;

/** A post by `author` written straight into the posts table; returns its row as stored. */
export async function newPost(author, title = 'Proofing dough overnight') {
  await learnerApp();
  counter += 1;
  const { lastID } = await writeDatabase('INSERT INTO posts (author_id, title, body) VALUES (?, ?, ?)', [
    author.id,
    `${title} (${counter})`,
    'Cover the bowl and keep it in the fridge.',
  ]);
  return postRow(lastID);
}

/** A new user written straight into the users table, with a token of its own. */
export async function newUser(name, role) {
  await learnerApp();
  counter += 1;
  const token = `tok_${name.toLowerCase()}_${counter}a9`;
  const { lastID } = await writeDatabase('INSERT INTO users (name, role, token) VALUES (?, ?, ?)', [name, role, token]);
  return { id: lastID, name, role, token };
}

/** Changes a user's role in the users table. */
export async function setRole(user, role) {
  await writeDatabase('UPDATE users SET role = ? WHERE id = ?', [role, user.id]);
  return { ...user, role };
}

/** The posts row with this id as the database holds it, or undefined. */
export async function postRow(id) {
  const [row] = await queryDatabase('SELECT id, author_id, title, body FROM posts WHERE id = ?', [id]);
  return row;
}

/** "Ben (a member)" for a message. */
export function who(user) {
  return `${user.name} (${user.role === 'admin' ? 'an admin' : 'a member'})`;
}

/** Sends `method path` as `user` (or with no token when user is undefined). */
export function send(method, path, { user, headers = {}, body } = {}) {
  return request(method, path, { headers: user ? as(user, headers) : headers, body });
}

/** The post as a JSON answer shows it. */
export function asJson(row) {
  return { id: row.id, authorId: row.author_id, title: row.title, body: row.body };
}
