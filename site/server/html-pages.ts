/**
 * Serves the built site's HTML pages with the local runner's token injected (dist/ itself stays
 * static, so the same files work on any static host, where pages simply have no runner). HTML is sent
 * with no-cache: the token changes every start, and a cached page would hold a dead one.
 */
import type { NextFunction, Request, Response } from 'express';
import { readFile, stat } from 'node:fs/promises';
import { join, normalize, sep } from 'node:path';

export type InjectToken = (html: string, host: string | undefined) => string;

async function isFile(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined))?.isFile() ?? false;
}

/** The HTML file a URL path names in dist/, the way express.static with extensions ['html'] finds it. */
async function htmlFileFor(dist: string, urlPath: string): Promise<string | undefined> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const relative = normalize(decoded).replace(/^([/\\])+/, '');
  if (relative.split(/[/\\]/).includes('..')) return undefined;
  const base = join(dist, relative);
  if (base !== dist && !base.startsWith(dist + sep)) return undefined;
  const candidates =
    decoded.endsWith('/') || relative === ''
      ? [join(base, 'index.html')]
      : decoded.endsWith('.html')
        ? [base]
        : [`${base}.html`];
  for (const candidate of candidates) if (await isFile(candidate)) return candidate;
  return undefined;
}

export function sendPage(res: Response, html: string, status = 200): void {
  res.status(status).type('html').setHeader('Cache-Control', 'no-cache');
  res.send(html);
}

export function htmlPages(dist: string, inject: InjectToken) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const file = await htmlFileFor(dist, req.path);
    if (!file) return next();
    try {
      sendPage(res, inject(await readFile(file, 'utf8'), req.headers.host));
    } catch (error) {
      next(error);
    }
  };
}

export async function notFoundPage(
  dist: string,
  inject: InjectToken,
  req: Request,
  res: Response,
): Promise<void> {
  try {
    sendPage(res, inject(await readFile(join(dist, '404.html'), 'utf8'), req.headers.host), 404);
  } catch {
    res.status(404).type('text').send('Not found');
  }
}
