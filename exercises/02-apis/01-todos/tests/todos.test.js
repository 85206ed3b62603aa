import { describe, test } from 'vitest';
import { expectRow, expectRows, queryDatabase } from '../grading/db.js';
import { request } from '../grading/http.js';
import { addTodo, expectJsonType, expectMethodNotAllowed, expectTodo } from './todos.js';

describe('1. Create a to-do', () => {
  test('POST /todos answers 201 with the new to-do, its id included and not done', async () => {
    const res = await request('POST', '/todos', { body: { title: 'Sharpen the knives' } });
    res.expectStatus(201);
    expectJsonType(res);
    res.expect(Number.isInteger(res.body?.id), `the to-do to have an "id", the number of its row; got ${JSON.stringify(res.body?.id) ?? 'none'}`);
    expectTodo(res, { id: res.body.id, title: 'Sharpen the knives', done: false });
  });

  test('POST /todos answers a Location header that points at the new to-do', async () => {
    const res = await request('POST', '/todos', { body: { title: 'Order flour' } });
    res.expectStatus(201);
    res.expect(Number.isInteger(res.body?.id), `the to-do to have an "id", the number of its row; got ${JSON.stringify(res.body?.id) ?? 'none'}`);
    res.expectHeader('location', `/todos/${res.body.id}`);
  });

  test('POST /todos stores the to-do in the todos table, under the id it answered, as not done', async () => {
    const res = await request('POST', '/todos', { body: { title: "Fix the walk-in's door" } });
    res.expectStatus(201);
    res.expect(Number.isInteger(res.body?.id), `the to-do to have an "id", the number of its row; got ${JSON.stringify(res.body?.id) ?? 'none'}`);
    await expectRow('todos', { id: res.body.id }, { title: "Fix the walk-in's door", done: 0 });
  });
});

describe('2. Read the to-dos', () => {
  test('GET /todos answers 200 with every to-do in the table, ordered by id, done as true or false', async () => {
    await addTodo('Mop the floor', true);
    await addTodo("Label the chef's sauces", false);
    const res = await request('GET', '/todos');
    res.expectStatus(200);
    expectJsonType(res);
    const rows = await queryDatabase('SELECT id, title, done FROM todos ORDER BY id');
    res.expectJson(rows.map((row) => ({ id: row.id, title: row.title, done: row.done === 1 })));
  });

  test('GET /todos/:id answers 200 with that to-do', async () => {
    const todo = await addTodo('Defrost the fish', true);
    const res = await request('GET', `/todos/${todo.id}`);
    res.expectStatus(200);
    expectJsonType(res);
    expectTodo(res, todo);
  });

  test('GET /todos/999999 answers 404 with a JSON error when there is no such to-do', async () => {
    const res = await request('GET', '/todos/999999');
    res.expectError(404);
  });

  test('GET /todos/abc answers 404 with a JSON error: an id that is not a number finds no to-do', async () => {
    const res = await request('GET', '/todos/abc');
    res.expectError(404);
  });
});

describe('3. Change a to-do', () => {
  test('PATCH /todos/:id with { "done": true } ticks the to-do off, keeps its title and answers 200', async () => {
    const todo = await addTodo('Sort the spices', false);
    const res = await request('PATCH', `/todos/${todo.id}`, { body: { done: true } });
    res.expectStatus(200);
    expectJsonType(res);
    expectTodo(res, { ...todo, done: true });
    await expectRow('todos', { id: todo.id }, { title: todo.title, done: 1 });
  });

  test('PATCH /todos/:id with only a title changes the title and keeps done as it was', async () => {
    const todo = await addTodo('Clean the hood', true);
    const res = await request('PATCH', `/todos/${todo.id}`, { body: { title: "Clean the hood's filters" } });
    res.expectStatus(200);
    expectTodo(res, { ...todo, title: "Clean the hood's filters" });
    await expectRow('todos', { id: todo.id }, { title: "Clean the hood's filters", done: 1 });
  });

  test('PATCH /todos/:id with { "done": false } sets a done to-do back to not done', async () => {
    const todo = await addTodo('Taste the stock', true);
    const res = await request('PATCH', `/todos/${todo.id}`, { body: { done: false } });
    res.expectStatus(200);
    expectTodo(res, { ...todo, done: false });
    await expectRow('todos', { id: todo.id }, { title: todo.title, done: 0 });
  });

  test('PATCH /todos/999999 answers 404 with a JSON error when there is no such to-do', async () => {
    const res = await request('PATCH', '/todos/999999', { body: { done: true } });
    res.expectError(404);
  });
});

describe('4. Delete a to-do', () => {
  test('DELETE /todos/:id answers 204 with no body and removes that row, and only that row', async () => {
    const doomed = await addTodo('Delete me');
    const kept = await addTodo('Keep me');
    const res = await request('DELETE', `/todos/${doomed.id}`);
    res.expectStatus(204);
    res.expect(res.text === '', `no body with a 204; got ${JSON.stringify(res.text)}`);
    await expectRows('todos', { id: doomed.id }, []);
    await expectRow('todos', { id: kept.id }, { title: 'Keep me' });
  });

  test('DELETE /todos/999999 answers 404 with a JSON error when there is no such to-do', async () => {
    const res = await request('DELETE', '/todos/999999');
    res.expectError(404);
  });
});

describe('5. Refuse a method the resource does not support', () => {
  test('PUT, PATCH and DELETE /todos answer 405 with a JSON error and Allow: GET, POST', async () => {
    for (const method of ['PUT', 'PATCH', 'DELETE']) {
      const res = await request(method, '/todos', method === 'DELETE' ? {} : { body: { title: 'All of them' } });
      expectMethodNotAllowed(res, ['GET', 'POST']);
    }
  });

  test('POST and PUT /todos/:id answer 405 with a JSON error and Allow: GET, PATCH, DELETE', async () => {
    const todo = await addTodo('Still here after the refusals');
    for (const method of ['POST', 'PUT']) {
      const res = await request(method, `/todos/${todo.id}`, { body: { title: 'Replaced' } });
      expectMethodNotAllowed(res, ['GET', 'PATCH', 'DELETE']);
    }
    await expectRow('todos', { id: todo.id }, { title: 'Still here after the refusals' });
  });

  test('paths that are not part of the resource, GET /todo and GET /todos/1/comments, still answer 404', async () => {
    for (const path of ['/todo', '/todos/1/comments']) {
      const res = await request('GET', path);
      res.expectStatus(404);
    }
  });
});
