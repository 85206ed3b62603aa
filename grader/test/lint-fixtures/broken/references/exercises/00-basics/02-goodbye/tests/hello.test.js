import { describe, test } from 'vitest';
import { request } from '../grading/http.js';

describe('1. Answer GET /hello', () => {
  test('GET /hello answers 200 with a greeting', async () => {
    const res = await request('GET', '/hello');
    res.expectStatus(200);
    res.expectJson({ message: 'Hello from the kitchen' });
  });
});

describe("2. Greet by name", () => {
  test('GET /hello/Ada answers { message: "Hello, Ada" }', async () => {
    const res = await request('GET', '/hello/Ada');
    res.expectJson({ message: 'Hello, Ada' });
  });
});
