/**
 * Mounts the local runner into `astro dev`, so authors can run and check exercises while editing: the
 * same API and event socket as `npm start` (site/server/runner), and the same token in every HTML page.
 * Only dev: a build has no server, and `astro preview` pages carry no token, so they have no runner.
 */
import type { AstroIntegration } from 'astro';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';

/** Buffers an HTML response so the runner meta can be added to its <head>; anything else streams through. */
function injectIntoHtml(res: ServerResponse, inject: (html: string) => string): void {
  const write = res.write.bind(res) as (...args: unknown[]) => boolean;
  const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
  const chunks: Buffer[] = [];
  let html: boolean | undefined;
  const isHtml = () => (html ??= String(res.getHeader('content-type') ?? '').includes('text/html'));
  const toBuffer = (chunk: unknown, encoding?: unknown) =>
    Buffer.isBuffer(chunk)
      ? chunk
      : Buffer.from(chunk as string, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8');
  res.write = ((chunk: unknown, ...rest: unknown[]) => {
    if (!isHtml()) return write(chunk, ...rest);
    chunks.push(toBuffer(chunk, rest[0]));
    const callback = rest.find((arg) => typeof arg === 'function') as (() => void) | undefined;
    callback?.();
    return true;
  }) as typeof res.write;
  res.end = ((chunk?: unknown, ...rest: unknown[]) => {
    if (!isHtml()) return end(chunk, ...rest);
    if (chunk !== undefined && typeof chunk !== 'function') chunks.push(toBuffer(chunk, rest[0]));
    const body = Buffer.from(inject(Buffer.concat(chunks).toString('utf8')));
    if (!res.headersSent) {
      res.setHeader('Content-Length', body.length);
      res.setHeader('Cache-Control', 'no-cache');
    }
    return end(body);
  }) as typeof res.end;
}

export function localRunner(): AstroIntegration {
  return {
    name: 'backend-kitchen-local-runner',
    hooks: {
      'astro:server:setup': async ({ server, logger }) => {
        const [{ default: express }, { createLocalRunner }] = await Promise.all([
          import('express'),
          import('../server/runner/index.ts'),
        ]);
        const httpServer = server.httpServer;
        if (!httpServer) return;
        const host = server.config.server.host;
        const runner = createLocalRunner({
          repoRoot: fileURLToPath(new URL('../..', import.meta.url)),
          bindHost: typeof host === 'string' ? host : host ? '0.0.0.0' : '127.0.0.1',
          port: () => {
            const address = httpServer.address();
            return typeof address === 'object' && address ? address.port : undefined;
          },
          log: (line) => logger.info(line),
        });
        const api = express();
        api.disable('x-powered-by');
        api.use('/api', runner.router);
        server.middlewares.use(
          (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => {
            if (req.url?.startsWith('/api/')) {
              api(req as never, res as never, next);
              return;
            }
            if (req.method === 'GET' && !/\.[a-z0-9]+$/i.test((req.url ?? '').split('?')[0]!)) {
              injectIntoHtml(res, (html) => runner.injectToken(html, req.headers.host));
            }
            next();
          },
        );
        httpServer.on('upgrade', (req: IncomingMessage, socket, head) => {
          runner.handleUpgrade(req, socket, head);
        });
        httpServer.once('close', () => void runner.close());
        logger.info('Local runner mounted at /api/: exercises run and are checked on this machine.');
      },
    },
  };
}
