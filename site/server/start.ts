/** `npm start`: build the site if needed, then serve it (and the local runner) from one process. */
import { fileURLToPath } from 'node:url';
import { buildIfNeeded } from './build-if-needed.ts';
import { startSiteServer } from './site-server.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const port = Number(process.env.PORT ?? 4321);
const host = process.env.HOST ?? '127.0.0.1';

try {
  buildIfNeeded(root);
  const site = await startSiteServer({ root, port, host });
  console.log(`\nBackend Kitchen is running at ${site.url}\n`);
  const stop = () => {
    void site.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  console.error(`Backend Kitchen could not start: ${(error as Error).message}`);
  process.exit(1);
}
