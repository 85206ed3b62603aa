import { isDeepStrictEqual } from 'node:util';
import { describe, test } from 'vitest';
import { expectRow, expectRows } from '../grading/db.js';
import { request } from '../grading/http.js';
import { fail } from '../grading/runtime.js';
import {
  addComment,
  addPost,
  addUser,
  commentCount,
  commentShape,
  expectJsonType,
  needsPostRoute,
  orphanComments,
} from './blog.js';

/** Sends a comment that must be refused with this status; checks nothing was stored. */
async function expectRefused(path, comment, status, field) {
  const before = await commentCount();
  const res = await request('POST', path, { body: comment });
  res.expectError(status);
  if (field) {
    res.expect(res.body.error.includes(field), `the error to name the field that is wrong, "${field}"; got ${JSON.stringify(res.body.error)}`);
  }
  const after = await commentCount();
  res.expect(after === before, `a refused comment to be stored nowhere; the comments table went from ${before} to ${after} rows`);
  const orphans = await orphanComments();
  res.expect(
    orphans.length === 0,
    `no comment in the database whose post or author does not exist; found ${orphans.length}, such as ${JSON.stringify(orphans[0])}`,
  );
  return res;
}

describe('1. Show a post with its author', () => {
  test('GET /posts/:id answers 200 with the post and its author as { id, name }', async () => {
    const author = await addUser('Dana');
    const post = await addPost(author, 'Pickles in a week', "Salt, vinegar, patience. Don't rush it.");
    const res = await request('GET', `/posts/${post.id}`);
    res.expectStatus(200);
    expectJsonType(res);
    res.expectJsonContaining({ id: post.id, title: post.title, body: post.body, author: { id: author.id, name: 'Dana' } });
  });

  test('GET /posts/999999 answers 404 with a JSON error when there is no such post', async () => {
    const res = await request('GET', '/posts/999999');
    res.expectError(404);
  });

  test('GET /posts/abc answers 404 with a JSON error, not a 500', async () => {
    const res = await request('GET', '/posts/abc');
    res.expectError(404);
  });
});

describe("2. Show the post's comments", () => {
  test('GET /posts/:id lists its comments, oldest first, each with its author as { id, name }', async () => {
    const [writer, first, second] = [await addUser('Emil'), await addUser('Farah'), await addUser("Gráinne O'Neill")];
    const post = await addPost(writer, 'Stock in an hour', 'Pressure cooker, then strain.');
    const other = await addPost(writer, 'Another post', 'Its comments stay with it.');
    const comments = [await addComment(post, first, 'Which bones?'), await addComment(post, second, "Chicken wings: they're cheap.")];
    await addComment(other, first, 'Not on the first post.');
    const res = await needsPostRoute(post);
    const got = Array.isArray(res.body.comments) ? res.body.comments.map(commentShape) : res.body.comments;
    res.expect(
      isDeepStrictEqual(got, comments.map(commentShape)),
      `"comments" to be ${JSON.stringify(comments.map(commentShape))}; got ${JSON.stringify(res.body.comments) ?? 'nothing'}`,
    );
  });

  test('a post without comments answers "comments": []', async () => {
    const post = await addPost(await addUser('Hana'), 'Nobody has commented yet', 'Be the first.');
    const res = await needsPostRoute(post);
    res.expect(isDeepStrictEqual(res.body.comments, []), `"comments" to be []; got ${JSON.stringify(res.body.comments) ?? 'nothing'}`);
  });
});

describe('3. Add a comment', () => {
  test('POST /posts/:id/comments answers 201 with the new comment and its author as { id, name }', async () => {
    const [writer, reader] = [await addUser('Ines'), await addUser('Jonas')];
    const post = await addPost(writer, 'Caramel without fear', 'Watch the colour, not the clock.');
    const res = await request('POST', `/posts/${post.id}/comments`, { body: { authorId: reader.id, body: 'Mine burnt twice.' } });
    res.expectStatus(201);
    expectJsonType(res);
    res.expect(Number.isInteger(res.body?.id), `the comment to have an "id", the number of its row; got ${JSON.stringify(res.body?.id) ?? 'none'}`);
    res.expectJsonContaining({ body: 'Mine burnt twice.', author: { id: reader.id, name: 'Jonas' } });
  });

  test('the comment is stored in the comments table, with its post, its author and its text exactly as sent', async () => {
    const [writer, reader] = [await addUser('Kofi'), await addUser('Lena')];
    const post = await addPost(writer, 'Rice, rinsed', 'Until the water runs clear.');
    const text = `Lena's rule: "rinse three times"; -- no more`;
    const res = await request('POST', `/posts/${post.id}/comments`, { body: { authorId: reader.id, body: text } });
    res.expectStatus(201);
    res.expect(Number.isInteger(res.body?.id), 'the comment to have an "id", the number of its row');
    await expectRow('comments', { id: res.body.id }, { post_id: post.id, author_id: reader.id, body: text });
  });

  test('a comment without a body, or with an empty one, answers 400 naming "body" and is not stored', async () => {
    const author = await addUser('Mo');
    const post = await addPost(author, 'Salt your pasta water', 'Like the sea.');
    for (const body of [undefined, '', 42]) {
      await expectRefused(`/posts/${post.id}/comments`, { authorId: author.id, body }, 400, 'body');
    }
  });
});

describe('4. Refuse a comment that points nowhere', () => {
  test('POST /posts/999999/comments answers 404 with a JSON error and stores no comment', async () => {
    const author = await addUser('Nia');
    await expectRefused('/posts/999999/comments', { authorId: author.id, body: 'Hello?' }, 404);
    await expectRows('comments', { post_id: 999999 }, []);
  });

  test('POST /posts/abc/comments answers 404 with a JSON error and stores no comment', async () => {
    const author = await addUser('Omar');
    await expectRefused('/posts/abc/comments', { authorId: author.id, body: 'Hello?' }, 404);
  });

  test('an authorId that is not the id of a user answers 400 naming "authorId" and stores no comment', async () => {
    const post = await addPost(await addUser('Priya'), 'Toast your spices', 'A dry pan, one minute.');
    await expectRefused(`/posts/${post.id}/comments`, { authorId: 999999, body: 'Who am I?' }, 400, 'authorId');
  });

  test('a comment without an authorId answers 400 naming "authorId" and stores no comment', async () => {
    const post = await addPost(await addUser('Quinn'), 'Rest your steak', 'Five minutes, under foil.');
    await expectRefused(`/posts/${post.id}/comments`, { body: 'Anonymous tip.' }, 400, 'authorId');
  });
});

describe('5. Delete a post with its comments', () => {
  test('DELETE /posts/:id answers 204 with no body and removes the post and its comments from the database', async () => {
    const [writer, reader] = [await addUser('Rosa'), await addUser('Sami')];
    const post = await addPost(writer, 'Delete me', 'With my comments.');
    await addComment(post, reader, 'First!');
    await addComment(post, writer, 'Thanks.');
    const res = await request('DELETE', `/posts/${post.id}`);
    res.expectStatus(204);
    res.expect(res.text === '', `no body with a 204; got ${JSON.stringify(res.text)}`);
    await expectRows('posts', { id: post.id }, []);
    const left = await commentCount({ post_id: post.id });
    if (left > 0) {
      fail(
        `Task 5 · DELETE /posts/${post.id} deleted the post, but its ${left} comments are still in the comments table, ` +
          'pointing at a post that no longer exists. The comments table says ON DELETE CASCADE: SQLite follows it only ' +
          'on a connection that has turned foreign keys on.',
      );
    }
  });

  test("deleting a post leaves the other posts and their comments alone", async () => {
    const [writer, reader] = [await addUser('Tess'), await addUser('Uma')];
    const doomed = await addPost(writer, 'Going', 'Soon.');
    const kept = await addPost(writer, 'Staying', 'For good.');
    const keptComment = await addComment(kept, reader, 'Still here.');
    await addComment(doomed, reader, 'Going too.');
    (await request('DELETE', `/posts/${doomed.id}`)).expectStatus(204);
    await expectRow('posts', { id: kept.id }, { title: 'Staying' });
    await expectRow('comments', { id: keptComment.id }, { post_id: kept.id, body: 'Still here.' });
  });

  test('after DELETE /posts/:id, GET /posts/:id answers 404', async () => {
    const post = await addPost(await addUser('Vera'), 'Here today', 'Gone tomorrow.');
    (await request('DELETE', `/posts/${post.id}`)).expectStatus(204);
    const res = await request('GET', `/posts/${post.id}`);
    res.expectStatus(404);
  });

  test('DELETE /posts/999999 answers 404 with a JSON error when there is no such post', async () => {
    const res = await request('DELETE', '/posts/999999');
    res.expectError(404);
  });
});
