/** `npm start`: build the site if needed, then serve it (and the local runner) from one process. */
import { fileURLToPath } from 'node:url';
import { buildIfNeeded } from './build-if-needed.ts';
import { isLoopbackHost } from './runner/request-guard.ts';
import { startSiteServer } from './site-server.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const port = Number(process.env.PORT ?? 4321);
const host = process.env.HOST ?? '127.0.0.1';
const allowedHosts = (process.env.KITCHEN_ALLOWED_HOSTS ?? '')
  .split(',')
  .map((name) => name.trim())
  .filter(Boolean);

try {
  // Tests start the server against an existing dist/ and must not rebuild while others edit sources.
  if (process.env.KITCHEN_SKIP_BUILD !== '1') buildIfNeeded(root);
  const site = await startSiteServer({
    root,
    port,
    host,
    dist: process.env.KITCHEN_DIST || undefined,
    runnerTmp: process.env.KITCHEN_RUNNER_TMP || undefined,
    allowedHosts,
  });
  console.log(`\nBackend Kitchen is running at ${site.url}`);
  console.log(
    'Local runner: exercises run and are checked on this machine, offline; only pages from this address can use it.\n',
  );
  if (!isLoopbackHost(host)) {
    console.warn(
      [
        '!'.repeat(78),
        `!! WARNING: HOST=${host} makes this server reachable from other machines.`,
        '!! Anyone who can reach this port can open the site and run code on this machine,',
        '!! as the user running `npm start`. Use it only on a network you trust (a classroom).',
        '!'.repeat(78),
      ].join('\n'),
    );
  }
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void site.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  console.error(`Backend Kitchen could not start: ${(error as Error).message}`);
  process.exit(1);
}
