import { describe, test } from 'vitest';
import { request } from '../grading/http.js';

describe('1. Answer GET /hello', () => {
  test('GET /hello answers 200', async () => {
    (await request('GET', '/hello')).expectStatus(200);
  });
});

describe.only('2. Greet by name', () => {
  test('GET /hello/Ada answers 200', async () => {
    (await request('GET', '/hello/Ada')).expectStatus(200);
  });
});

describe('7. A task nobody listed', () => {
  test('GET / answers 200', async () => {
    (await request('GET', '/')).expectStatus(200);
  });
});
