/**
 * Test helper: `astro dev` in a throwaway copy of the repo, so a test can edit exercise files the way
 * an author does without touching the real ones. Its own Astro and Vite cache folders keep it from
 * sharing node_modules/.vite with anyone's dev server.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const repo = path.resolve(import.meta.dirname, '../../..');
const COPIED = [
  'content',
  'exercises',
  'site',
  'public',
  'grader/src',
  'astro.config.mjs',
  'tsconfig.json',
  'package.json',
];

export interface DevServer {
  url: string;
  root: string;
  stop(): Promise<void>;
}

export async function startDevServer(port: number, timeoutMs = 30_000): Promise<DevServer> {
  const root = mkdtempSync(path.join(tmpdir(), 'kitchen-dev-'));
  for (const entry of COPIED) cpSync(path.join(repo, entry), path.join(root, entry), { recursive: true });
  symlinkSync(path.join(repo, 'node_modules'), path.join(root, 'node_modules'));
  writeFileSync(
    path.join(root, 'astro.test.config.mjs'),
    "import base from './astro.config.mjs';\n" +
      "export default { ...base, cacheDir: './.cache/astro', vite: { ...base.vite, cacheDir: './.cache/vite' } };\n",
  );
  const child = spawn(
    path.join(repo, 'node_modules/.bin/node'),
    ['node_modules/astro/bin/astro.mjs', 'dev', '--config', 'astro.test.config.mjs', '--port', String(port)],
    { cwd: root, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } },
  );
  let output = '';
  const stop = () => stopProcess(child).then(() => rmSync(root, { recursive: true, force: true }));
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`astro dev did not start in ${timeoutMs} ms:\n${output}`)),
        timeoutMs,
      );
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        // Vite moves to the next port when ours is taken: use the one it printed.
        const match = /Local\s+(http:\/\/localhost:\d+)\//.exec(output);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]!);
        }
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      child.once('exit', (code) =>
        reject(new Error(`astro dev exited (${code}) before it was ready:\n${output}`)),
      );
    });
    return { url, root, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Ends astro dev and everything it started (the local runner's apps) through its process group. */
function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {
      resolve();
    }
    setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // Already gone.
      }
      resolve();
    }, 3000).unref();
  });
}
