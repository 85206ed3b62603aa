/**
 * The one Node process behind `npm start`: it serves the built site with the cross-origin isolation
 * headers WebContainers need, and hosts the local runner's API under /api/ (site/server/runner).
 */
import compression from 'compression';
import express, { type Express } from 'express';
import { createServer, type Server } from 'node:http';
import { join, sep } from 'node:path';
import { htmlPages, notFoundPage, type InjectToken } from './html-pages.ts';
import { createLocalRunner, type LocalRunner } from './runner/index.ts';
import { DEFAULT_LIMITS, type RunnerLimits } from './runner/runner-limits.ts';

export const ISOLATION_HEADERS: Record<string, string> = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

export interface SiteServerOptions {
  root: string;
  port: number;
  host: string;
  /** Folder of the built site (default: <root>/dist). */
  dist?: string;
  /** Run the local runner in this process (default true). */
  runner?: boolean;
  /** Where the runner's per-start folder goes (default: the OS temp folder). */
  runnerTmp?: string;
  runnerLimits?: Partial<RunnerLimits>;
  /** More host names the runner accepts, e.g. a classroom server's DNS name. */
  allowedHosts?: readonly string[];
  log?: (line: string) => void;
}

export interface SiteServer {
  app: Express;
  server: Server;
  url: string;
  port: number;
  runner?: LocalRunner;
  close(): Promise<void>;
}

export function createSiteApp(root: string, options: { dist?: string; runner?: LocalRunner } = {}): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use((_req, res, next) => {
    for (const [name, value] of Object.entries(ISOLATION_HEADERS)) res.setHeader(name, value);
    next();
  });
  const dist = options.dist ?? join(root, 'dist');
  const inject: InjectToken = options.runner
    ? (html, host) => options.runner!.injectToken(html, host)
    : (html) => html;
  if (options.runner) app.use('/api', options.runner.router);
  // Pages and assets are compressed (Monaco and its TypeScript worker are most of the bytes), and
  // Astro's content-hashed files under /_astro/ never change, so browsers may keep them for a year.
  app.use(compression());
  app.use(htmlPages(dist, inject));
  app.use(
    express.static(dist, {
      extensions: ['html'],
      index: 'index.html',
      setHeaders(res, path) {
        if (path.includes(`${sep}_astro${sep}`))
          res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
      },
    }),
  );
  app.use((req, res) => {
    void notFoundPage(dist, inject, req, res);
  });
  return app;
}

export async function startSiteServer(options: SiteServerOptions): Promise<SiteServer> {
  const { root, port, host } = options;
  // Read by the runner's Host check at request time; known once the server listens.
  const bound: { port?: number } = {};
  const runner =
    options.runner === false
      ? undefined
      : createLocalRunner({
          repoRoot: root,
          bindHost: host,
          port: () => bound.port,
          tmpParent: options.runnerTmp,
          limits: options.runnerLimits,
          extraHosts: options.allowedHosts,
          log: options.log,
        });
  const app = createSiteApp(root, { dist: options.dist, runner });
  const server = createServer(
    {
      // A client that opens sockets and sends nothing, or sends headers a byte at a time, is cut off
      // instead of holding the server's connections.
      headersTimeout: 10_000,
      requestTimeout: 60_000,
      keepAliveTimeout: 5_000,
    },
    app,
  );
  // Past this many open connections new ones are refused at once, so the process keeps its memory
  // and file descriptors for the connections it has.
  server.maxConnections = { ...DEFAULT_LIMITS, ...options.runnerLimits }.serverConnections;
  server.on('upgrade', (req, socket, head) => {
    if (!runner?.handleUpgrade(req, socket, head)) socket.destroy();
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
  } catch (error) {
    await runner?.close();
    throw error;
  }
  const address = server.address();
  const boundPort = typeof address === 'object' && address ? address.port : port;
  bound.port = boundPort;
  const shownHost = host === '127.0.0.1' || host === '::1' || host === '0.0.0.0' ? 'localhost' : host;
  return {
    app,
    server,
    url: `http://${shownHost}:${boundPort}`,
    port: boundPort,
    runner,
    async close() {
      await runner?.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
