import { describe, expect, test } from 'vitest';
import { extensionOf, learnerPathProblem } from './learner-path.ts';

describe('learnerPathProblem', () => {
  test.each(['app.js', 'routes/menu.js', 'db/schema.sql', 'a_b-c.d.js', 'README.md', `${'a'.repeat(197)}.js`])(
    'accepts %j',
    (path) => expect(learnerPathProblem(path)).toBeUndefined(),
  );

  test.each([
    ['../escape.js', 'PATH_TRAVERSAL'],
    ['sub/../../escape.js', 'PATH_TRAVERSAL'],
    ['/etc/passwd', 'ABSOLUTE_PATH'],
    ['C:/Windows/win.ini', 'ABSOLUTE_PATH'],
    ['c:app.js', 'ABSOLUTE_PATH'],
    ['..\\escape.js', 'BACKSLASH'],
    ['routes\\menu.js', 'BACKSLASH'],
    ['app.js\0.txt', 'NUL_BYTE'],
    ['node_modules/express/index.js', 'NODE_MODULES'],
    ['lib/node_modules/x.js', 'NODE_MODULES'],
    ['.env', 'INVALID_PATH'],
    ['.kitchen/request.mjs', 'INVALID_PATH'],
    ['./app.js', 'INVALID_PATH'],
    ['routes//menu.js', 'INVALID_PATH'],
    ['routes/', 'INVALID_PATH'],
    ['my app.js', 'INVALID_PATH'],
    [`${'a'.repeat(198)}.js`, 'INVALID_PATH'],
    ['', 'INVALID_PATH'],
    [42, 'INVALID_PATH'],
    [undefined, 'INVALID_PATH'],
  ])('refuses %j with %s and a sentence that names it', (path, code) => {
    const problem = learnerPathProblem(path);
    expect(problem?.code).toBe(code);
    expect(problem?.message).toMatch(/^(A file path is missing|The file path ")/);
  });

  test('shows at most 80 characters of a long path', () => {
    const problem = learnerPathProblem(`${'x'.repeat(300)}.js`);
    expect(problem?.message).toContain(`"${'x'.repeat(80)}…"`);
    expect(problem?.message).not.toContain('x'.repeat(81));
  });
});

test('extensionOf: the last extension of the file name, none for a dotfile or a folder name', () => {
  expect(extensionOf('routes/menu.test.js')).toBe('.js');
  expect(extensionOf('app')).toBe('');
  expect(extensionOf('routes.d/app')).toBe('');
  expect(extensionOf('.env')).toBe('');
});
