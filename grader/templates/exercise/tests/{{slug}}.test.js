import { describe, test } from 'vitest';
import { request } from '../grading/http.js';

// One describe block per task, titled "N. <task title>" exactly as in exercise.yaml.
// Test titles are what the learner reads in the results panel: say the behaviour, not the code.
describe('1. Answer GET /hello', () => {
  test('GET /hello answers with status 200', async () => {
    const res = await request('GET', '/hello');
    res.expectStatus(200);
  });

  test('GET /hello answers with the JSON body { "message": "Hello from the kitchen" }', async () => {
    const res = await request('GET', '/hello');
    res.expectStatus(200);
    res.expectHeader('content-type', /application\/json/);
    res.expectJson({ message: 'Hello from the kitchen' });
  });
});
