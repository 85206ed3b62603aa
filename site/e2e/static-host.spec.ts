/**
 * The hosted path: dist/ served by a plain static server with public/_headers (what Netlify and
 * Cloudflare Pages do with it), no npm start and so no local runner. An exercise page must be
 * cross-origin isolated, load everything under its COEP, and choose the in-browser runtime.
 * Offline (here) the WebContainer cannot boot, so the page then says why and how to run code instead.
 */
import { expect, test } from '@playwright/test';
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { parseHeadersFile } from '../server/headers-file.ts';

const dist = join(import.meta.dirname, '..', '..', 'dist');
const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.wasm': 'application/wasm',
  '.ttf': 'font/ttf',
  '.woff2': 'font/woff2',
  '.pf_meta': 'application/octet-stream',
};

let server: Server;
let base: string;

test.beforeAll(async () => {
  const rules = parseHeadersFile(readFileSync(join(dist, '_headers'), 'utf8'));
  const headers = rules['/*'] ?? {};
  server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    const candidates = [path, join(path, 'index.html'), `${path}.html`].map((p) => join(dist, p));
    const file = candidates.find((p) => p.startsWith(dist) && existsSync(p) && statSync(p).isFile());
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    res.statusCode = file ? 200 : 404;
    const body = file ?? join(dist, '404.html');
    res.setHeader('Content-Type', types[extname(body)] ?? 'application/octet-stream');
    createReadStream(body).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

test('dist/ on a static host with public/_headers: the exercise page is isolated, picks the in-browser runtime, and offline says what to do', async ({
  page,
}) => {
  const blocked: string[] = [];
  page.on('requestfailed', (request) => {
    if (request.url().startsWith(base)) blocked.push(`${request.url()} ${request.failure()?.errorText}`);
  });
  page.on('response', (response) => {
    if (response.url().startsWith(base) && response.status() >= 400)
      blocked.push(`${response.url()} ${response.status()}`);
  });
  await page.goto(`${base}/exercises/first-server/`);
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  await expect(page.locator('meta[name="kitchen-runner"]')).toHaveCount(0);
  await expect(page.locator('[data-status-text]')).toContainText('Booting a WebContainer');
  await expect(page.locator('[data-ws]')).toHaveAttribute('data-editor-ready', 'true', { timeout: 20_000 });
  // Offline, WebContainer.boot() never settles: after the timeout the page explains.
  await expect(page.locator('[data-runtime-badge]')).toHaveText('Runtime: none', { timeout: 15_000 });
  const notice = page.locator('[data-notice]');
  await expect(notice).toContainText('did not start within 8 s');
  await expect(notice).toContainText('npm start');
  await expect(page.getByRole('button', { name: 'Use the local runner' })).toBeHidden();
  await page.screenshot({ path: 'test-results/static-host-offline.png' });
  expect(blocked).toEqual([]);
});
