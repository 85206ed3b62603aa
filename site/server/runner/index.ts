/**
 * The local runner: on this machine, what a WebContainer does in the browser — hold a workspace of
 * files, run node in it, say when the app's port opens, check it with the grader — reachable only
 * from the site's own pages. site-server.ts (npm start) and integrations/local-runner.ts (astro dev)
 * mount it; both pass every HTML page through `injectToken`.
 */
import type { IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';
import type { Router } from 'express';
import { createApiRouter } from './api-router.ts';
import { createEventSockets } from './event-socket.ts';
import { createHostCheck, createRequestGuard, createToken, type RequestGuard } from './request-guard.ts';
import { resolveLimits, type RunnerLimits } from './runner-limits.ts';
import { SessionStore } from './session-store.ts';
import { cleanStaleRoots, createWorkspaceRoot, type WorkspaceRoot } from './workspace-root.ts';

export interface LocalRunnerOptions {
  repoRoot: string;
  /** Address the server binds to; decides which Host names are accepted. */
  bindHost: string;
  /** The port the server listens on, once known. */
  port: () => number | undefined;
  /** Where the per-start folder goes (default: the OS temp folder). */
  tmpParent?: string;
  extraHosts?: readonly string[];
  limits?: Partial<RunnerLimits>;
  log?: (line: string) => void;
}

export interface LocalRunner {
  token: string;
  guard: RequestGuard;
  router: Router;
  store: SessionStore;
  root: WorkspaceRoot;
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  /** Adds the runner meta to an HTML page served to `host` (only to this server's own host names). */
  injectToken(html: string, host: string | undefined): string;
  close(): Promise<void>;
}

export function createLocalRunner(options: LocalRunnerOptions): LocalRunner {
  const log = options.log ?? ((line: string) => console.log(line));
  const tmpParent = options.tmpParent ?? tmpdir();
  const stale = cleanStaleRoots(tmpParent);
  if (stale.folders > 0) {
    log(
      `Local runner: removed ${stale.folders} workspace folder(s) and ${stale.processes} process(es) left by an earlier start.`,
    );
  }
  const root = createWorkspaceRoot(tmpParent, join(options.repoRoot, 'node_modules'));
  // A crash or process.exit() skips close(): still kill every learner process and remove the folder.
  const onExit = () => root.destroy();
  process.once('exit', onExit);
  const token = createToken();
  const guard = createRequestGuard(
    token,
    createHostCheck({ port: options.port, bindHost: options.bindHost, extraHosts: options.extraHosts }),
  );
  const store = new SessionStore(root, resolveLimits(options.limits), join(options.repoRoot, 'exercises'));
  const sockets = createEventSockets(guard, store);
  const router = createApiRouter(guard, store);
  let closed = false;
  return {
    token,
    guard,
    router,
    store,
    root,
    handleUpgrade: (req, socket, head) => sockets.handleUpgrade(req, socket, head),
    injectToken(html, host) {
      if (!guard.isAllowedHost(host)) return html;
      const meta = `<meta name="kitchen-runner" content="${token}">`;
      const head = /<head(?:\s[^>]*)?>/i.exec(html);
      if (!head) return html;
      const at = head.index + head[0].length;
      return `${html.slice(0, at)}${meta}${html.slice(at)}`;
    },
    async close() {
      if (closed) return;
      closed = true;
      sockets.close();
      await store.close();
      root.destroy();
      process.off('exit', onExit);
    },
  };
}
