import { describe, test } from 'vitest';
import { expectRow, expectRows, expectTable, queryDatabase } from '../grading/db.js';
import { request } from '../grading/http.js';
import { ATTACK, addPost, expectId, expectJsonType, expectPost, needsChanges, postCount } from './posts.js';

const NEW_POST = { title: 'Soup of the day', body: 'Tomato, with basil from the garden.' };

describe('1. Create a post', () => {
  test('POST /posts answers 201 with the new post, its id included', async () => {
    const res = await request('POST', '/posts', { body: NEW_POST });
    res.expectStatus(201);
    expectJsonType(res);
    expectId(res);
    expectPost(res, { id: res.body.id, ...NEW_POST });
  });

  test('POST /posts answers a Location header that points at the new post', async () => {
    const res = await request('POST', '/posts', { body: NEW_POST });
    res.expectStatus(201);
    expectId(res);
    res.expectHeader('location', `/posts/${res.body.id}`);
  });

  test('POST /posts stores the post in the posts table, under the id it answered', async () => {
    const res = await request('POST', '/posts', { body: { title: 'Knife skills', body: 'Claw grip, always.' } });
    res.expectStatus(201);
    expectId(res);
    await expectRow('posts', { id: res.body.id }, { title: 'Knife skills', body: 'Claw grip, always.' });
  });

  test('a title and body full of quotes and SQL are stored exactly as sent, and the posts table survives them', async () => {
    const res = await request('POST', '/posts', { body: ATTACK });
    res.expectStatus(201);
    expectId(res);
    await expectTable('posts', ['id', 'title', 'body']);
    await expectRow('posts', { id: res.body.id }, ATTACK);
  });
});

describe('2. Read the posts', () => {
  test('GET /posts answers 200 with every post in the table, ordered by id', async () => {
    await addPost('First post', 'Hello from the kitchen.');
    await addPost("O'Brien's corner", 'Quotes and all.');
    const res = await request('GET', '/posts');
    res.expectStatus(200);
    expectJsonType(res);
    res.expectJson(await queryDatabase('SELECT id, title, body FROM posts ORDER BY id'));
  });

  test('GET /posts/:id answers 200 with that post', async () => {
    const post = await addPost("O'Brien's stew", 'Slow, then slower.');
    const res = await request('GET', `/posts/${post.id}`);
    res.expectStatus(200);
    expectJsonType(res);
    expectPost(res, post);
  });

  test('GET /posts/999999 answers 404 with a JSON error when there is no such post', async () => {
    const res = await request('GET', '/posts/999999');
    res.expectError(404);
  });

  test('GET /posts/abc answers 404 with a JSON error: an id that is not a number finds no post', async () => {
    const res = await request('GET', '/posts/abc');
    res.expectError(404);
  });

  test('GET /posts/1 OR 1=1 answers 404: the id is a value, never part of the SQL', async () => {
    await addPost();
    const res = await request('GET', '/posts/1%20OR%201%3D1');
    res.expectError(404);
  });
});

describe('3. Change a post', () => {
  test('PUT /posts/:id replaces the title and the body and answers 200 with the post', async () => {
    const post = await addPost();
    const changed = { id: post.id, title: "O'Brien's stock", body: 'Roast the bones first; it\'s worth it.' };
    const res = await request('PUT', `/posts/${post.id}`, { body: { title: changed.title, body: changed.body } });
    res.expectStatus(200);
    expectJsonType(res);
    expectPost(res, changed);
    await expectRow('posts', { id: post.id }, { title: changed.title, body: changed.body });
  });

  test('PATCH /posts/:id with only a title changes the title and keeps the body', async () => {
    const post = await addPost();
    const res = await request('PATCH', `/posts/${post.id}`, { body: { title: 'Stock, the quick way' } });
    res.expectStatus(200);
    expectJsonType(res);
    expectPost(res, { ...post, title: 'Stock, the quick way' });
    await expectRow('posts', { id: post.id }, { title: 'Stock, the quick way', body: post.body });
  });

  test('PATCH /posts/:id with only a body changes the body and keeps the title', async () => {
    const post = await addPost();
    const res = await request('PATCH', `/posts/${post.id}`, { body: { body: "Don't boil it." } });
    res.expectStatus(200);
    expectPost(res, { ...post, body: "Don't boil it." });
    await expectRow('posts', { id: post.id }, { title: post.title, body: "Don't boil it." });
  });

  test('PUT and PATCH /posts/999999 answer 404 with a JSON error when there is no such post', async () => {
    const put = await request('PUT', '/posts/999999', { body: NEW_POST });
    put.expectError(404);
    const patch = await request('PATCH', '/posts/999999', { body: { title: 'Nobody home' } });
    patch.expectError(404);
  });
});

describe('4. Delete a post', () => {
  test('DELETE /posts/:id answers 204 with no body and removes that row, and only that row', async () => {
    const doomed = await addPost('Delete me');
    const kept = await addPost('Keep me');
    const res = await request('DELETE', `/posts/${doomed.id}`);
    res.expectStatus(204);
    res.expect(res.text === '', `no body with a 204; got ${JSON.stringify(res.text)}`);
    await expectRows('posts', { id: doomed.id }, []);
    await expectRow('posts', { id: kept.id }, { title: 'Keep me' });
  });

  test('after DELETE /posts/:id, GET /posts/:id answers 404', async () => {
    const post = await addPost('Here today');
    (await request('DELETE', `/posts/${post.id}`)).expectStatus(204);
    const res = await request('GET', `/posts/${post.id}`);
    res.expectStatus(404);
  });

  test('DELETE /posts/1 OR 1=1 answers 404 and deletes nothing: the id is a value, never part of the SQL', async () => {
    await addPost('Still here after the attack');
    const before = await postCount();
    const res = await request('DELETE', '/posts/1%20OR%201%3D1');
    res.expectError(404);
    const after = await postCount();
    res.expect(after === before, `no post to be deleted; the posts table went from ${before} to ${after} rows`);
  });

  test('DELETE /posts/999999 answers 404 with a JSON error when there is no such post', async () => {
    const res = await request('DELETE', '/posts/999999');
    res.expectError(404);
  });
});

/** Sends a bad post and checks the 400 names the field; the table must not change. */
async function expectRefused(method, path, body, field) {
  const before = await postCount();
  const res = await request(method, path, { body });
  res.expectError(400);
  res.expect(
    res.body.error.toLowerCase().includes(field),
    `the error to name the field that is wrong, "${field}"; got ${JSON.stringify(res.body.error)}`,
  );
  const after = await postCount();
  if (method === 'POST') res.expect(after === before, `a refused post to be stored nowhere; the posts table went from ${before} to ${after} rows`);
  return res;
}

describe('5. Refuse a bad post', () => {
  test('POST /posts without a title, with an empty title or with a title that is not text answers 400 naming "title"', async () => {
    for (const title of [undefined, '', 42, null, ['Soup']]) {
      await expectRefused('POST', '/posts', { title, body: 'Something to say.' }, 'title');
    }
  });

  test('POST /posts without a body or with a body that is not text answers 400 naming "body"', async () => {
    for (const body of [undefined, 42, null, { text: 'Soup' }]) {
      await expectRefused('POST', '/posts', { title: 'Soup', body }, 'body');
    }
  });

  test('POST /posts without a JSON body (plain text) answers 400 naming "title" or "body" and stores nothing', async () => {
    const before = await postCount();
    const res = await request('POST', '/posts', { body: 'Soup of the day', headers: { 'content-type': 'text/plain' } });
    res.expectError(400);
    const error = res.body.error.toLowerCase();
    res.expect(
      error.includes('title') || error.includes('body'),
      `the error to name a field that is missing, "title" or "body"; got ${JSON.stringify(res.body.error)}`,
    );
    const after = await postCount();
    res.expect(after === before, `a refused post to be stored nowhere; the posts table went from ${before} to ${after} rows`);
  });

  test('a post whose body is empty text is not refused: POST /posts answers 201', async () => {
    const res = await request('POST', '/posts', { body: { title: 'Title only', body: '' } });
    res.expectStatus(201);
  });

  test('PUT /posts/:id with an empty title or without a body answers 400 and leaves the post as it was', async () => {
    await needsChanges('PUT');
    const post = await addPost('Unchanged');
    await expectRefused('PUT', `/posts/${post.id}`, { title: '', body: 'Gone?' }, 'title');
    await expectRefused('PUT', `/posts/${post.id}`, { title: 'Half a post' }, 'body');
    await expectRow('posts', { id: post.id }, { title: 'Unchanged', body: post.body });
  });

  test('PATCH /posts/:id with an empty title or a body that is not text answers 400 and leaves the post as it was', async () => {
    await needsChanges('PATCH');
    const post = await addPost('Unchanged');
    await expectRefused('PATCH', `/posts/${post.id}`, { title: '' }, 'title');
    await expectRefused('PATCH', `/posts/${post.id}`, { body: 7 }, 'body');
    await expectRow('posts', { id: post.id }, { title: 'Unchanged', body: post.body });
  });
});
