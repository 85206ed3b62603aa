import { describe, test } from 'vitest';
import { countQueries, queryDatabase } from '../grading/db.js';
import { learnerApp, request } from '../grading/http.js';

// The expected answers are built from the app's own database file with the grader's queries, so they
// are what the starter answered, row for row.

/** Every post with its author, ordered by id. */
async function expectedPosts() {
  await learnerApp();
  const rows = await queryDatabase(
    'SELECT posts.id, posts.title, users.id AS author_id, users.name AS author_name FROM posts JOIN users ON users.id = posts.author_id ORDER BY posts.id',
  );
  return rows.map((row) => ({ id: row.id, title: row.title, author: { id: row.author_id, name: row.author_name } }));
}

/** Every user with their number of posts, ordered by id. */
async function expectedAuthors() {
  await learnerApp();
  return queryDatabase(
    'SELECT users.id, users.name, (SELECT COUNT(*) FROM posts WHERE posts.author_id = users.id) AS postCount FROM users ORDER BY users.id',
  );
}

/** One post with its author and its comments (each with its author). */
async function expectedPost(id) {
  await learnerApp();
  const [post] = await queryDatabase(
    'SELECT posts.id, posts.title, posts.body, users.id AS author_id, users.name AS author_name FROM posts JOIN users ON users.id = posts.author_id WHERE posts.id = ?',
    [id],
  );
  const comments = await queryDatabase(
    'SELECT comments.id, comments.body, users.id AS author_id, users.name AS author_name FROM comments JOIN users ON users.id = comments.author_id WHERE comments.post_id = ? ORDER BY comments.id',
    [id],
  );
  return {
    id: post.id,
    title: post.title,
    body: post.body,
    author: { id: post.author_id, name: post.author_name },
    comments: comments.map((row) => ({ id: row.id, body: row.body, author: { id: row.author_id, name: row.author_name } })),
  };
}

/** Where `got` first differs from `want` ("body[2].author.name should be …"), or undefined. */
function firstDifference(got, want, where) {
  if (Array.isArray(want)) {
    if (!Array.isArray(got)) return `${where} should be a list, got ${JSON.stringify(got)}`;
    if (got.length !== want.length) {
      const ids = new Set(got.map((item) => item?.id));
      const missing = want.filter((item) => item?.id !== undefined && !ids.has(item.id));
      const which = missing.length > 0 ? ` (missing: ${missing.map((item) => JSON.stringify(item)).join(', ')})` : '';
      return `${where} should have ${want.length} items, as before; it has ${got.length}${which}`;
    }
    for (const [index, item] of want.entries()) {
      const difference = firstDifference(got[index], item, `${where}[${index}]`);
      if (difference) return difference;
    }
    return undefined;
  }
  if (want !== null && typeof want === 'object') {
    if (got === null || typeof got !== 'object' || Array.isArray(got)) {
      return `${where} should be ${JSON.stringify(want)}, got ${JSON.stringify(got)}`;
    }
    for (const key of Object.keys(want)) {
      if (!(key in got)) return `${where}.${key} is missing; it should be ${JSON.stringify(want[key])}`;
      const difference = firstDifference(got[key], want[key], `${where}.${key}`);
      if (difference) return difference;
    }
    return undefined;
  }
  return got === want ? undefined : `${where} should be ${JSON.stringify(want)}, got ${JSON.stringify(got)}`;
}

/** Fails unless the reply is 200 with the same answer as before, naming the first place that differs. */
function expectSameAnswer(res, expected) {
  res.expectStatus(200);
  res.requireJson(expected);
  const difference = firstDifference(res.body, expected, 'body');
  res.expect(difference === undefined, `the same answer as before: ${difference}`);
}

/** Sends GET `path`, and fails unless it answered 200 after at most `limit` SQL queries. */
async function expectAtMostQueries(path, limit, why) {
  let res;
  const { count, statements } = await countQueries(async () => {
    res = await request('GET', path);
  });
  res.expectStatus(200);
  if (count <= limit) return;
  const shown = statements.slice(0, 6).map((sql, index) => `  ${index + 1}. ${sql}`);
  if (statements.length > 6) shown.push(`  … and ${count - 6} more`);
  res.fail(
    `it ran ${count} SQL queries to answer; at most ${limit} are allowed. ${why}\n\nThe queries it ran:\n${shown.join('\n')}`,
    { showBody: false },
  );
}

describe('1. List the posts and their authors in two queries', () => {
  test('GET /posts answers every post with its author, as before', async () => {
    const expected = await expectedPosts();
    expectSameAnswer(await request('GET', '/posts'), expected);
  });

  test('GET /posts runs at most 2 SQL queries', async () => {
    await expectAtMostQueries(
      '/posts',
      2,
      'A query inside a loop over the posts runs once per post: fetch the authors together with the posts.',
    );
  });
});

describe("2. Count each author's posts in two queries", () => {
  test('GET /authors answers every user with their number of posts, as before, including users with none', async () => {
    const expected = await expectedAuthors();
    expectSameAnswer(await request('GET', '/authors'), expected);
  });

  test('GET /authors runs at most 2 SQL queries', async () => {
    await expectAtMostQueries(
      '/authors',
      2,
      'A COUNT inside a loop over the users runs once per user: let the database count for every user at once.',
    );
  });
});

describe('3. Show a post and its comments in four queries', () => {
  test('GET /posts/3 answers the post with its author and its comments, as before', async () => {
    const expected = await expectedPost(3);
    expectSameAnswer(await request('GET', '/posts/3'), expected);
  });

  test('GET /posts/99 answers 404 with a JSON error', async () => {
    (await request('GET', '/posts/99')).expectError(404);
  });

  test('GET /posts/3, a post with 8 comments, runs at most 4 SQL queries', async () => {
    await expectAtMostQueries(
      '/posts/3',
      4,
      "A query inside a loop over the comments runs once per comment: fetch the comments' authors together with the comments.",
    );
  });
});
