import { expect, test } from 'vitest';
import { cleanMachinePaths } from './machine-paths.ts';

const expressErrorPage = `<pre>Error: boom<br> &nbsp; &nbsp;at file:///tmp/backend-kitchen-23114-391f49ef/sessions/uVf3SgHRvsotkHIRXcTksA/app.js:11:11<br> &nbsp; &nbsp;at Layer.handleRequest (/work/main/node_modules/router/lib/layer.js:169:33)<br> &nbsp; &nbsp;at /work/main/node_modules/router/index.js:309:15</pre>`;

test("Express's error page keeps the file, line and column, without the machine's folders", () => {
  expect(cleanMachinePaths(expressErrorPage, ['app.js'])).toBe(
    `<pre>Error: boom<br> &nbsp; &nbsp;at app.js:11:11<br> &nbsp; &nbsp;at Layer.handleRequest (node_modules/router/lib/layer.js:169:33)<br> &nbsp; &nbsp;at node_modules/router/index.js:309:15</pre>`,
  );
});

test('a file in a folder of the exercise keeps its folder', () => {
  expect(
    cleanMachinePaths('at /home/projects/kitchen-abc/routes/menu.js:3:9', ['app.js', 'routes/menu.js']),
  ).toBe('at routes/menu.js:3:9');
  expect(cleanMachinePaths('at /srv/x/y/server.js:20:5', ['app.js'])).toBe('at server.js:20:5');
});

test("a file the page does not know is cut to what follows the runner's session folder", () => {
  expect(cleanMachinePaths('open /tmp/bk/sessions/abc123/data/books.db', ['app.js'])).toBe(
    'open data/books.db',
  );
});

test('URL paths in an answer are left alone', () => {
  const text = 'Cannot GET /health and /api/users/1, see /static/app.js or /orders/';
  expect(cleanMachinePaths(text, ['app.js'])).toBe(text);
});

test('a file URL outside the workspace shows its file name only', () => {
  expect(cleanMachinePaths('at file:///usr/lib/node/internal/thing.mjs:1:1', ['app.js'])).toBe(
    'at thing.mjs:1:1',
  );
});
