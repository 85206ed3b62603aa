import { lstatSync, readFileSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestRunner, type TestRunner } from './test-server.ts';

let runner: TestRunner;
let id: string;

beforeAll(async () => {
  runner = await startTestRunner();
  id = await runner.createSession();
});
afterAll(async () => {
  await runner.close();
});

const write = (path: unknown, content: unknown = 'x') =>
  runner.call('PUT', `/api/sessions/${id}/files`, { path, content });

describe('file paths from the browser', () => {
  test.each([
    ['../escape.js', 'PATH_TRAVERSAL'],
    ['sub/../../escape.js', 'PATH_TRAVERSAL'],
    ['/etc/passwd', 'ABSOLUTE_PATH'],
    ['C:/Windows/win.ini', 'ABSOLUTE_PATH'],
    ['..\\escape.js', 'BACKSLASH'],
    ['app.js\0.txt', 'NUL_BYTE'],
    ['node_modules/express/index.js', 'NODE_MODULES'],
    ['server.js', 'FILE_NOT_EDITABLE'],
    ['tests/health.test.js', 'FILE_NOT_EDITABLE'],
    ['harness.mjs', 'FILE_NOT_EDITABLE'],
    ['.env', 'INVALID_PATH'],
    ['', 'INVALID_PATH'],
    [42, 'INVALID_PATH'],
  ])('refuses %j with %s', async (path, code) => {
    const reply = await write(path);
    expect(reply.status).toBe(400);
    expect(reply.body.code).toBe(code);
    expect(reply.body.error).toBeTruthy();
  });

  test('explains what is editable when a file is not', async () => {
    expect((await write('server.js')).body.error).toMatchInlineSnapshot(
      `""server.js" is not one of this exercise's files; you can edit "app.js"."`,
    );
  });

  test('refuses a file over the size cap, saying the limit', async () => {
    const reply = await write('app.js', 'x'.repeat(300 * 1024));
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchInlineSnapshot(`
      {
        "code": "FILE_TOO_LARGE",
        "error": ""app.js" is 300 KB; the limit is 256 KB per file. Split it or remove large data.",
      }
    `);
  });

  test('refuses content that is not text', async () => {
    expect((await write('app.js', { not: 'text' })).body.code).toBe('INVALID_CONTENT');
  });

  test('refuses too many files when a session is created', async () => {
    const files = Object.fromEntries(Array.from({ length: 41 }, (_, i) => [`f${i}.js`, '']));
    const reply = await runner.call('POST', '/api/sessions', { exercise: 'first-server', files });
    expect(reply.status).toBe(400);
    expect(reply.body.code).toBe('TOO_MANY_FILES');
  });

  test('refuses bad paths in the files of a new session', async () => {
    const reply = await runner.call('POST', '/api/sessions', {
      exercise: 'first-server',
      files: { '../../x.js': '' },
    });
    expect(reply.status).toBe(400);
    expect(reply.body.code).toBe('PATH_TRAVERSAL');
  });

  test('refuses an unknown exercise and a slug that is not one', async () => {
    expect((await runner.call('POST', '/api/sessions', { exercise: 'no-such-exercise' })).status).toBe(404);
    expect((await runner.call('POST', '/api/sessions', { exercise: '../../etc' })).body.code).toBe(
      'INVALID_EXERCISE',
    );
  });

  test('does not follow a symlink planted in the workspace', async () => {
    const session = runner.site.runner!.store.get(id);
    const outside = join(runner.tmp, 'outside.txt');
    writeFileSync(outside, 'untouched');
    const appPath = join(session.workspace, 'app.js');
    unlinkSync(appPath);
    symlinkSync(outside, appPath);
    const reply = await write('app.js', 'overwritten');
    expect(reply.status).toBe(400);
    expect(reply.body.code).toBe('SYMLINK_REFUSED');
    expect(readFileSync(outside, 'utf8')).toBe('untouched');
    unlinkSync(appPath);
    expect((await write('app.js', 'export default 1;')).status).toBe(204);
    expect(lstatSync(appPath).isFile()).toBe(true);
  });

  test('writes, renames back and deletes the editable file', async () => {
    expect((await write('app.js', 'export default 2;')).status).toBe(204);
    const session = runner.site.runner!.store.get(id);
    expect(readFileSync(join(session.workspace, 'app.js'), 'utf8')).toBe('export default 2;');
    expect(
      (await runner.call('POST', `/api/sessions/${id}/rename`, { from: 'app.js', to: '../app.js' })).body
        .code,
    ).toBe('PATH_TRAVERSAL');
    expect((await runner.call('DELETE', `/api/sessions/${id}/files`, { path: 'app.js' })).status).toBe(204);
    expect((await runner.call('DELETE', `/api/sessions/${id}/files`, { path: 'app.js' })).body.code).toBe(
      'FILE_NOT_FOUND',
    );
  });

  test('answers malformed JSON with 400 and a code', async () => {
    const response = await fetch(`${runner.base}/api/sessions/${id}/files`, {
      method: 'PUT',
      headers: { 'X-Kitchen-Token': runner.token, 'Content-Type': 'application/json' },
      body: '{"path": ',
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { code: string }).code).toBe('INVALID_JSON');
  });
});
