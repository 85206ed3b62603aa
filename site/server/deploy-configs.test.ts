/**
 * The static-host configs (public/_headers for Netlify and Cloudflare Pages, site/deploy/ for Vercel,
 * nginx and Caddy) must send exactly the headers `npm start` sends: without any one of them a page is
 * not cross-origin isolated and WebContainers cannot boot. site/e2e/static-host.spec.ts serves dist/
 * with public/_headers and checks the page itself.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { isolationHeaders } from '../../astro.config.mjs';
import { parseHeadersFile } from './headers-file.ts';
import { ISOLATION_HEADERS } from './site-server.ts';

const root = join(import.meta.dirname, '..', '..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');
const crossOrigin = (entries: [string, string][]) =>
  Object.fromEntries(entries.filter(([name]) => /^cross-origin-/i.test(name)));

test('npm start, astro dev/preview and every static-host config send the same isolation headers', () => {
  expect(ISOLATION_HEADERS).toMatchObject(isolationHeaders);

  const headersFile = parseHeadersFile(read('public/_headers'));
  expect(Object.keys(headersFile)).toEqual(['/*']);
  expect(headersFile['/*']).toEqual(ISOLATION_HEADERS);

  const vercel = JSON.parse(read('site/deploy/vercel.json')) as {
    outputDirectory: string;
    headers: { source: string; headers: { key: string; value: string }[] }[];
  };
  expect(vercel.outputDirectory).toBe('dist');
  expect(vercel.headers).toHaveLength(1);
  expect(vercel.headers[0]!.source).toBe('/(.*)');
  expect(Object.fromEntries(vercel.headers[0]!.headers.map((h) => [h.key, h.value]))).toEqual(
    ISOLATION_HEADERS,
  );

  const nginx = read('site/deploy/nginx.conf');
  const nginxHeaders = [...nginx.matchAll(/^\s*add_header\s+(\S+)\s+(\S+)\s+always;/gm)].map(
    (m) => [m[1]!, m[2]!] as [string, string],
  );
  expect(crossOrigin(nginxHeaders)).toEqual(ISOLATION_HEADERS);
  // nginx drops server-level add_header lines in any location that has its own.
  expect(nginx.match(/^\s*add_header/gm)).toHaveLength(3);

  const caddy = read('site/deploy/Caddyfile');
  const block = /header\s*\{([^}]*)\}/.exec(caddy)![1]!;
  const caddyHeaders = block
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => line.split(/\s+/) as [string, string]);
  expect(crossOrigin(caddyHeaders)).toEqual(ISOLATION_HEADERS);
});
