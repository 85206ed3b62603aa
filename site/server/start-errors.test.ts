import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, test } from 'vitest';

const start = fileURLToPath(new URL('./start.ts', import.meta.url));
let dist: string;
let blocker: Server;
let busyPort: number;

beforeAll(async () => {
  dist = mkdtempSync(join(tmpdir(), 'kitchen-start-'));
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>t</title>');
  blocker = createServer();
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  busyPort = (blocker.address() as { port: number }).port;
});

afterAll(() => {
  blocker.close();
  rmSync(dist, { recursive: true, force: true });
});

function runStart(port: string) {
  return spawnSync(process.execPath, [start], {
    env: { ...process.env, PORT: port, KITCHEN_SKIP_BUILD: '1', KITCHEN_DIST: dist },
    encoding: 'utf8',
    timeout: 20_000,
  });
}

test('npm start refuses a PORT that is not a number, saying what it got', () => {
  const result = runStart('abc');
  expect(result.status).toBe(1);
  expect(result.stderr.trim()).toBe(
    'Backend Kitchen could not start: PORT must be a whole number from 1 to 65535, got "abc".',
  );
});

test('npm start says the port is taken and how to pick another, instead of a raw EADDRINUSE', () => {
  const result = runStart(String(busyPort));
  expect(result.status).toBe(1);
  expect(result.stderr).toContain(`port ${busyPort} on 127.0.0.1 is already in use`);
  expect(result.stderr).toContain(`PORT=${busyPort + 1} npm start`);
  expect(result.stderr).not.toContain('EADDRINUSE');
});
