/** `npm start`: build the site if needed, then serve it (and the local runner) from one process. */
import { fileURLToPath } from 'node:url';
import { buildIfNeeded } from './build-if-needed.ts';
import { detectBubblewrap } from './runner/bubblewrap.ts';
import { isLoopbackHost } from './runner/request-guard.ts';
import { startSiteServer } from './site-server.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const port = parsePort(process.env.PORT);
const host = process.env.HOST ?? '127.0.0.1';
const allowedHosts = (process.env.KITCHEN_ALLOWED_HOSTS ?? '')
  .split(',')
  .map((name) => name.trim())
  .filter(Boolean);

const sandbox = detectBubblewrap();
const INSTALL_HINT =
  'install bubblewrap (Debian/Ubuntu: sudo apt-get install bubblewrap; Fedora: sudo dnf install bubblewrap)';
if (!sandbox.available && !isLoopbackHost(host) && process.env.KITCHEN_ALLOW_UNSANDBOXED_HOST !== '1') {
  console.error(
    `Backend Kitchen could not start: HOST=${host} would let other machines run code here, and learner code ` +
      `is not isolated on this machine (${sandbox.reason}). To fix it, ${INSTALL_HINT}. To serve it anyway, ` +
      'on a network you trust: KITCHEN_ALLOW_UNSANDBOXED_HOST=1 npm start',
  );
  process.exit(1);
}

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
    'Local runner: exercises run and are checked on this machine, offline; only pages from this address can use it.',
  );
  console.log(
    sandbox.available
      ? 'Learner code runs in a bubblewrap sandbox: no network, read-only grader, only its own workspace writable.\n'
      : `WARNING: learner code is NOT isolated on this machine (${sandbox.reason}): to fix it, ${INSTALL_HINT}.\n`,
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
  console.error(`Backend Kitchen could not start: ${describeStartError(error as NodeJS.ErrnoException)}`);
  process.exit(1);
}

function parsePort(value: string | undefined): number {
  if (value === undefined || value === '') return 4321;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(
      `Backend Kitchen could not start: PORT must be a whole number from 1 to 65535, got "${value}".`,
    );
    process.exit(1);
  }
  return port;
}

function describeStartError(error: NodeJS.ErrnoException): string {
  if (error.code === 'EADDRINUSE') {
    return (
      `port ${port} on ${host} is already in use (is Backend Kitchen already running?). ` +
      `Stop the other program, or pick another port: PORT=${port + 1} npm start`
    );
  }
  if (error.code === 'EACCES') {
    return `this user may not listen on port ${port}. Pick a port above 1023: PORT=4321 npm start`;
  }
  return error.message;
}
