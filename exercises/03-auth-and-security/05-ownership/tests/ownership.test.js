import { describe, test } from 'vitest';
import { countRows } from '../grading/db.js';
import { ANA, BEN, CHLOE, asJson, newPost, newUser, postRow, send, setRole, who } from './people.js';

/** Fails unless the post is still in the table exactly as it was. */
async function expectUnchanged(res, before, what) {
  const after = await postRow(before.id);
  if (!after) res.expect(false, `${what}; the post is gone from the posts table`);
  res.expect(
    after.title === before.title && after.body === before.body && after.author_id === before.author_id,
    `${what}; the post changed in the posts table: ${JSON.stringify(asJson(before))} became ${JSON.stringify(asJson(after))}`,
  );
}

/** For a user the grader added: a 401 means the app never looked in the users table for the token. */
function expectKnown(res, user) {
  res.expect(
    res.status !== 401,
    `a user the grader added to the users table (${user.name}, token ${user.token}) to be known, but your app answered 401: look the token up in the users table on every request, not in a copy made when the app started`,
  );
}

/** Fails unless a 401 came back with WWW-Authenticate: Bearer and a JSON error. */
function expectUnauthenticated(res) {
  res.expectError(401);
  res.expectHeader('www-authenticate', /^Bearer\b/i, 'a WWW-Authenticate header starting with "Bearer" (the kind of credentials to send)');
}

/** For task 4: the same request without the client's claim must be refused first (task 2 or 3). */
async function needsRefusal(task, method, post, user, body) {
  const plain = await send(method, `/posts/${post.id}`, { user, body });
  plain.needsTask(task, plain.status === 403, `${method} of a post of Ana's by ${who(user)} should answer 403`);
}

describe('1. Refuse requests without a valid token', () => {
  test("POST /posts with Ana's token answers 201 with the new post, and Ana is its author", async () => {
    const res = await send('POST', '/posts', { user: ANA, body: { title: 'Crispy roast potatoes', body: 'Parboil them first.' } });
    res.expectStatus(201);
    res.expectJsonContaining({ authorId: ANA.id, title: 'Crispy roast potatoes', body: 'Parboil them first.' });
    const row = await postRow(res.body.id);
    res.expect(row?.author_id === ANA.id, `the posts table to hold post ${res.body.id} with author_id ${ANA.id} (Ana); got ${row ? `author_id ${row.author_id}` : 'no such row'}`);
  });

  test('POST /posts without an Authorization header answers 401 with WWW-Authenticate: Bearer, and stores nothing', async () => {
    const before = await countRows('posts');
    const res = await send('POST', '/posts', { body: { title: 'Free pizza for everyone' } });
    expectUnauthenticated(res);
    const after = await countRows('posts');
    res.expect(after === before, `no new post; the posts table went from ${before} to ${after} rows`);
  });

  test('PATCH /posts/:id without a token answers 401, and the post is unchanged', async () => {
    const post = await newPost(ANA);
    const res = await send('PATCH', `/posts/${post.id}`, { body: { title: 'Changed by nobody' } });
    expectUnauthenticated(res);
    await expectUnchanged(res, post, 'a refused edit to change nothing');
  });

  test('DELETE /posts/:id without a token answers 401, and the post is still there', async () => {
    const post = await newPost(ANA);
    const res = await send('DELETE', `/posts/${post.id}`);
    expectUnauthenticated(res);
    await expectUnchanged(res, post, 'a refused delete to keep the post');
  });

  test('a token no user has (Bearer tok_nobody_000) answers 401 on POST, PATCH and DELETE', async () => {
    const nobody = { token: 'tok_nobody_000' };
    const post = await newPost(ANA);
    const before = await countRows('posts');
    const created = await send('POST', '/posts', { user: nobody, body: { title: 'Who wrote this?' } });
    expectUnauthenticated(created);
    const after = await countRows('posts');
    created.expect(after === before, `no new post; the posts table went from ${before} to ${after} rows`);
    const edited = await send('PATCH', `/posts/${post.id}`, { user: nobody, body: { title: 'Changed by nobody' } });
    expectUnauthenticated(edited);
    const deleted = await send('DELETE', `/posts/${post.id}`, { user: nobody });
    expectUnauthenticated(deleted);
    await expectUnchanged(deleted, post, 'a request with an unknown token to change nothing');
  });

  test('GET /posts still answers 200 with every post, the new ones too, without a token and with one', async () => {
    const post = await newPost(BEN);
    for (const user of [undefined, ANA]) {
      const res = await send('GET', '/posts', { user });
      res.expectStatus(200);
      const listed = Array.isArray(res.body) ? res.body.find((item) => item?.id === post.id) : undefined;
      res.expect(
        listed !== undefined && listed.authorId === BEN.id && listed.title === post.title,
        `the list to hold post ${post.id}, ${JSON.stringify(asJson(post))}`,
      );
    }
  });
});

describe('2. Only the author edits a post', () => {
  test("Ben's PATCH of Ana's post answers 403 with a JSON error, and the post is unchanged", async () => {
    const post = await newPost(ANA);
    const res = await send('PATCH', `/posts/${post.id}`, { user: BEN, body: { title: 'Ben was here' } });
    res.expect(res.status === 403, `status 403, got ${res.status}: the token is Ben's, and the post's author is Ana (author_id ${ANA.id}); only the author may edit a post`);
    res.expectError(403);
    await expectUnchanged(res, post, `${who(BEN)} not to change a post of Ana's`);
  });

  test("Ana's PATCH of her own post answers 200 with the post as changed, and stores it", async () => {
    const post = await newPost(ANA);
    const res = await send('PATCH', `/posts/${post.id}`, { user: ANA, body: { title: 'Proofing dough in the fridge' } });
    res.expectStatus(200);
    res.expectJson({ ...asJson(post), title: 'Proofing dough in the fridge' });
    const row = await postRow(post.id);
    res.expect(row?.title === 'Proofing dough in the fridge', `the posts table to hold the new title; it holds ${JSON.stringify(row?.title)}`);
  });

  test("Ana's PATCH of only the body of her post changes the body and keeps the title", async () => {
    const post = await newPost(ANA);
    const res = await send('PATCH', `/posts/${post.id}`, { user: ANA, body: { body: 'Two nights in the fridge is fine too.' } });
    res.expectStatus(200);
    res.expectJson({ ...asJson(post), body: 'Two nights in the fridge is fine too.' });
    const row = await postRow(post.id);
    res.expect(
      row?.body === 'Two nights in the fridge is fine too.' && row?.title === post.title,
      `the posts table to hold the new body and the old title; it holds ${JSON.stringify(row && asJson(row))}`,
    );
  });

  test("Chloe, an admin, may not edit Ana's post either: 403, and the post is unchanged", async () => {
    const post = await newPost(ANA);
    const res = await send('PATCH', `/posts/${post.id}`, { user: CHLOE, body: { title: 'Edited by the admin' } });
    res.expect(res.status === 403, `status 403, got ${res.status}: the token is Chloe's, an admin, and admins may delete someone else's post but not edit it`);
    res.expectError(403);
    await expectUnchanged(res, post, 'an admin not to edit a post of someone else (admins may delete, not edit)');
  });

  test("Ana's PATCH of a post that does not exist answers 404", async () => {
    const res = await send('PATCH', '/posts/987654', { user: ANA, body: { title: 'Nothing here' } });
    res.expectError(404);
  });
});

describe('3. Let the author or an admin delete a post', () => {
  test("Ben's DELETE of Ana's post answers 403 with a JSON error, and the post is still there", async () => {
    const post = await newPost(ANA);
    const res = await send('DELETE', `/posts/${post.id}`, { user: BEN });
    res.expect(res.status === 403, `status 403, got ${res.status}: the token is Ben's, a member, and the post's author is Ana (author_id ${ANA.id})`);
    res.expectError(403);
    await expectUnchanged(res, post, `${who(BEN)} not to delete a post of Ana's`);
  });

  test("Ana's DELETE of her own post answers 204, and the post is gone", async () => {
    const post = await newPost(ANA);
    const res = await send('DELETE', `/posts/${post.id}`, { user: ANA });
    res.expectStatus(204);
    res.expect((await postRow(post.id)) === undefined, `post ${post.id} to be gone from the posts table; it is still there`);
  });

  test("Chloe, an admin, deletes Ana's post: 204, and the post is gone", async () => {
    const post = await newPost(ANA);
    const res = await send('DELETE', `/posts/${post.id}`, { user: CHLOE });
    res.expectStatus(204);
    res.expect((await postRow(post.id)) === undefined, `post ${post.id} to be gone from the posts table; it is still there`);
  });

  test("Dev, a second admin the grader added to the users table, deletes Ana's post: 204", async () => {
    const dev = await newUser('Dev', 'admin');
    const post = await newPost(ANA);
    const res = await send('DELETE', `/posts/${post.id}`, { user: dev });
    expectKnown(res, dev);
    res.expect(
      res.status === 204,
      `status 204, got ${res.status}: Dev has the role "admin" in the users table (the grader added Dev with the token ${dev.token}), and every user whose role is "admin" may delete any post`,
    );
    res.expect((await postRow(post.id)) === undefined, `post ${post.id} to be gone from the posts table; it is still there`);
  });

  test('a role changed in the users table counts at the next request: a member made admin may delete, an admin made member may not', async () => {
    let eve = await newUser('Eve', 'member');
    const first = await newPost(ANA);
    const refused = await send('DELETE', `/posts/${first.id}`, { user: eve });
    expectKnown(refused, eve);
    refused.expect(refused.status === 403, `status 403 while Eve is a member, got ${refused.status}`);
    eve = await setRole(eve, 'admin');
    const allowed = await send('DELETE', `/posts/${first.id}`, { user: eve });
    allowed.expect(allowed.status === 204, `status 204 once the users table says Eve is an admin, got ${allowed.status}`);
    eve = await setRole(eve, 'member');
    const second = await newPost(ANA);
    const refusedAgain = await send('DELETE', `/posts/${second.id}`, { user: eve });
    refusedAgain.expect(
      refusedAgain.status === 403,
      `status 403 once the users table says Eve is a member again, got ${refusedAgain.status}: read the role from the database on every request`,
    );
    await expectUnchanged(refusedAgain, second, 'the post to stay');
  });

  test("Ana's DELETE of a post that does not exist answers 404", async () => {
    const res = await send('DELETE', '/posts/987654', { user: ANA });
    res.expectError(404);
  });
});

describe('4. Ignore who the client says it is', () => {
  test('POST /posts with Ben\'s token and "authorId": 1 in the body stores a post by Ben, not by Ana', async () => {
    const res = await send('POST', '/posts', { user: BEN, body: { authorId: ANA.id, title: 'Posted in Ana\'s name' } });
    res.needsTask(1, res.status === 201 && res.body?.id !== undefined, "POST /posts with a valid token should answer 201 with the new post");
    const row = await postRow(res.body.id);
    res.expect(
      row?.author_id === BEN.id && res.body.authorId === BEN.id,
      `the post to be Ben's (authorId ${BEN.id}): the token says Ben sent it, whatever the body says; the answer has authorId ${JSON.stringify(res.body.authorId)} and the posts table author_id ${row?.author_id}`,
    );
  });

  test("Ben's DELETE of Ana's post with the header X-Role: admin answers 403, and the post is still there", async () => {
    const post = await newPost(ANA);
    await needsRefusal(3, 'DELETE', post, BEN);
    const res = await send('DELETE', `/posts/${post.id}`, { user: BEN, headers: { 'x-role': 'admin' } });
    res.expect(res.status === 403, `status 403, got ${res.status}: Ben is a member in the users table, and a role the client sends in a header proves nothing`);
    await expectUnchanged(res, post, 'the post to stay');
  });

  test('Ben\'s DELETE of Ana\'s post with { "role": "admin" } in the body answers 403, and the post is still there', async () => {
    const post = await newPost(ANA);
    await needsRefusal(3, 'DELETE', post, BEN);
    const res = await send('DELETE', `/posts/${post.id}`, { user: BEN, body: { role: 'admin' } });
    res.expect(res.status === 403, `status 403, got ${res.status}: Ben is a member in the users table, and a role the client sends in the body proves nothing`);
    await expectUnchanged(res, post, 'the post to stay');
  });

  test('Ben\'s DELETE of Ana\'s post with { "authorId": 1 } in the body answers 403, and the post is still there', async () => {
    const post = await newPost(ANA);
    await needsRefusal(3, 'DELETE', post, BEN);
    const res = await send('DELETE', `/posts/${post.id}`, { user: BEN, body: { authorId: ANA.id } });
    res.expect(res.status === 403, `status 403, got ${res.status}: the token says Ben is asking, whatever user id the body names`);
    await expectUnchanged(res, post, 'the post to stay');
  });

  test("Ben's DELETE of Ana's post with the header X-User-Id: 1 answers 403, and the post is still there", async () => {
    const post = await newPost(ANA);
    await needsRefusal(3, 'DELETE', post, BEN);
    const res = await send('DELETE', `/posts/${post.id}`, { user: BEN, headers: { 'x-user-id': String(ANA.id) } });
    res.expect(res.status === 403, `status 403, got ${res.status}: the token says Ben is asking, whatever user id a header names`);
    await expectUnchanged(res, post, 'the post to stay');
  });

  test('DELETE with the headers X-User-Id: 1 and X-Role: admin and no token answers 401', async () => {
    const post = await newPost(ANA);
    const plain = await send('DELETE', `/posts/${post.id}`);
    plain.needsTask(1, plain.status === 401, 'DELETE /posts/:id without a token should answer 401');
    const res = await send('DELETE', `/posts/${post.id}`, { headers: { 'x-user-id': String(ANA.id), 'x-role': 'admin' } });
    res.expect(res.status === 401, `status 401, got ${res.status}: only a token says who is asking, and this request has none`);
    await expectUnchanged(res, post, 'the post to stay');
  });
});
