import { expect, test } from 'vitest';
import { curlLine, parseHeaderLines } from './curl.ts';

test('a GET needs no method flag', () => {
  expect(curlLine({ method: 'GET', path: '/health' }, 'http://localhost:3000')).toBe(
    'curl -i http://localhost:3000/health',
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
    `curl -i -X POST http://localhost:3000/orders -H 'content-type: application/json' --data-raw '{"note":"it'\\''s hot"}'`,
  );
});

test('quotes only what the shell needs, and sends a body that starts with @ as it is', () => {
  const request = { method: 'PUT', path: '/dishes/1?x=a b', headers: { accept: '*/*' }, body: '@file' };
  expect(curlLine(request, 'http://localhost:3000')).toBe(
    "curl -i -X PUT 'http://localhost:3000/dishes/1?x=a b' -H 'accept: */*' --data-raw @file",
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
