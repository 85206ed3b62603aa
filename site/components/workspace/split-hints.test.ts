import { expect, test } from 'vitest';
import { splitHints } from './split-hints.ts';

test('splits each task section into its list items', () => {
  const html = `<h1>Hints</h1><h2 id="1-list">1. List the whole menu</h2><ul><li>A route is a method.</li>
<li><code>res.json</code> sends JSON.</li></ul><h2 id="2">2. Find one dish</h2><p>Use <code>find</code>.</p><p>Then 404.</p>`;
  expect(splitHints(html)).toEqual([
    {
      taskId: '1',
      title: 'List the whole menu',
      hints: ['A route is a method.', '<code>res.json</code> sends JSON.'],
    },
    { taskId: '2', title: 'Find one dish', hints: ['<p>Use <code>find</code>.</p>', '<p>Then 404.</p>'] },
  ]);
});

test('ignores headings that are not numbered tasks', () => {
  expect(splitHints('<h2>General</h2><ul><li>x</li></ul>')).toEqual([]);
});
