import { describe, test } from 'vitest';
import { request } from '../grading/http.js';

describe('1. Answer GET /health', () => {
  test('GET /health answers with status 200', async () => {
    const res = await request('GET', '/health');
    res.expectStatus(200);
  });

  test('GET /health sends JSON (content-type application/json)', async () => {
    const res = await request('GET', '/health');
    res.expectStatus(200);
    res.expectHeader('content-type', /application\/json/);
  });

  test('GET /health answers with the JSON body { "status": "ok" }', async () => {
    const res = await request('GET', '/health');
    res.expectStatus(200);
    res.expectJson({ status: 'ok' });
  });

  test('GET / still answers 200', async () => {
    const res = await request('GET', '/');
    res.expectStatus(200);
  });
});
