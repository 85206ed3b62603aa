import { expect, test } from 'vitest';
import { curlLine, parseHeaderLines } from './curl.ts';

test('a GET needs no method flag', () => {
  expect(curlLine({ method: 'GET', path: '/health' }, 'http://localhost:3000')).toBe(
    "curl -i 'http://localhost:3000/health'",
  );
});

test('a POST carries its headers and quoted body', () => {
  expect(
    curlLine(
      {
        method: 'POST',
        path: '/orders',
        headers: { 'content-type': 'application/json' },
        body: `{"note":"it's hot"}`,
      },
      'http://localhost:3000',
    ),
  ).toBe(
    `curl -i -X POST 'http://localhost:3000/orders' -H 'content-type: application/json' --data '{"note":"it'\\''s hot"}'`,
  );
});

test('header lines are parsed and a bad one is named', () => {
  expect(parseHeaderLines('Accept: application/json\n\nX-Id: 7')).toEqual({
    accept: 'application/json',
    'x-id': '7',
  });
  expect(() => parseHeaderLines('nonsense')).toThrow(
    'Header line 1 ("nonsense") needs the form "Name: value".',
  );
});
