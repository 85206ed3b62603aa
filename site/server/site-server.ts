/**
 * The one Node process behind `npm start`: it serves the built site with the cross-origin isolation
 * headers WebContainers need, and hosts the local runner's API under /api/ (site/server/runner).
 */
import express, { type Express } from 'express';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';

export const ISOLATION_HEADERS: Record<string, string> = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

export interface SiteServerOptions {
  root: string;
  port: number;
  host: string;
}

export interface SiteServer {
  app: Express;
  server: Server;
  url: string;
  close(): Promise<void>;
}

export function createSiteApp(root: string): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use((_req, res, next) => {
    for (const [name, value] of Object.entries(ISOLATION_HEADERS)) res.setHeader(name, value);
    next();
  });
  const dist = join(root, 'dist');
  app.use(express.static(dist, { extensions: ['html'], index: 'index.html' }));
  app.use((_req, res) => {
    res.status(404).sendFile(join(dist, '404.html'), (err) => {
      if (err) res.type('text').send('Not found');
    });
  });
  return app;
}

export async function startSiteServer({ root, port, host }: SiteServerOptions): Promise<SiteServer> {
  const app = createSiteApp(root);
  const server = createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  const shownHost = host === '127.0.0.1' || host === '::1' || host === '0.0.0.0' ? 'localhost' : host;
  return {
    app,
    server,
    url: `http://${shownHost}:${actualPort}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
