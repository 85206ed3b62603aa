/**
 * The runner's JSON API under /api/ (each route is defined below). Every route sits behind the
 * request guard; errors answer {error, code} with the status the RunnerError carries.
 */
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { RUNNER_ERRORS, type RunnerErrorBody, type RunnerErrorCode } from '../../runtime/contract.ts';
import { isRunnerError } from './runner-error.ts';
import { TOKEN_HEADER, type RequestGuard } from './request-guard.ts';
import type { SessionStore } from './session-store.ts';

type Handler = (req: Request, res: Response) => Promise<void>;

export function clientKeyOf(req: { socket: { remoteAddress?: string } }): string {
  const address = req.socket.remoteAddress ?? 'unknown';
  // All of 127.0.0.0/8 and ::1 is this machine: one client, so code on it that picks a new loopback
  // address per request cannot multiply its share of sessions.
  if (/^(?:::ffff:)?127\./.test(address) || address === '::1') return 'loopback';
  // An IPv6 client controls the low 64 bits of its address: count its /64 as one client.
  if (address.includes(':') && !address.startsWith('::ffff:'))
    return `${address.split(':').slice(0, 4).join(':')}::/64`;
  return address;
}

function body(req: Request): Record<string, unknown> {
  return typeof req.body === 'object' && req.body !== null ? (req.body as Record<string, unknown>) : {};
}

export function createApiRouter(guard: RequestGuard, store: SessionStore): Router {
  const router = express.Router();
  const wrap = (handler: Handler) => (req: Request, res: Response, next: NextFunction) => {
    handler(req, res).catch(next);
  };

  router.use((req, res, next) => {
    const verdict = guard.check(req, req.get(TOKEN_HEADER));
    if (!verdict.ok) {
      sendError(res, 'FORBIDDEN', verdict.reason ?? 'This page may not use the local runner.');
      return;
    }
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  router.use(express.json({ limit: '12mb', strict: true }));

  router.post(
    '/sessions',
    wrap(async (req, res) => {
      const { exercise, files } = body(req);
      const { session, prepared } = await store.create({ clientKey: clientKeyOf(req), exercise, files });
      res.status(201).json({
        id: session.id,
        exercise: session.exercise.slug,
        files: prepared.files,
        editable: session.exercise.editable,
        allowNewFiles: session.exercise.allowNewFiles,
        tests: prepared.tests,
      });
    }),
  );
  router.put(
    '/sessions/:id/files',
    wrap(async (req, res) => {
      const { path, content } = body(req);
      await store.get(String(req.params.id)).writeFile(path, content);
      res.status(204).end();
    }),
  );
  router.delete(
    '/sessions/:id/files',
    wrap(async (req, res) => {
      await store.get(String(req.params.id)).deleteFile(body(req).path);
      res.status(204).end();
    }),
  );
  router.get(
    '/sessions/:id/files',
    wrap(async (req, res) => {
      res.json({ names: await store.get(String(req.params.id)).listTop() });
    }),
  );
  router.post(
    '/sessions/:id/rename',
    wrap(async (req, res) => {
      const { from, to } = body(req);
      await store.get(String(req.params.id)).renameFile(from, to);
      res.status(204).end();
    }),
  );
  // The local container's processes (session.ts spawn): `node <entry>` for the template's entry scripts.
  router.post(
    '/sessions/:id/processes',
    wrap(async (req, res) => {
      await store.get(String(req.params.id)).spawn(body(req));
      res.status(201).json({ pid: body(req).pid });
    }),
  );
  router.post(
    '/sessions/:id/processes/:pid/input',
    wrap(async (req, res) => {
      store.get(String(req.params.id)).processInput(req.params.pid, body(req).data);
      res.status(204).end();
    }),
  );
  router.delete(
    '/sessions/:id/processes/:pid',
    wrap(async (req, res) => {
      await store.get(String(req.params.id)).kill(req.params.pid);
      res.status(204).end();
    }),
  );
  router.delete(
    '/sessions/:id',
    wrap(async (req, res) => {
      await store.end(String(req.params.id));
      res.status(204).end();
    }),
  );
  router.use((req, res) => {
    sendError(res, 'NOT_FOUND', `The runner has no ${req.method} ${req.path}.`);
  });
  router.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    if (isRunnerError(error)) {
      sendError(res, error.code, error.message);
      return;
    }
    const status = (error as { status?: number; type?: string }).status;
    if (status && status >= 400 && status < 500) {
      const type = (error as { type?: string }).type;
      const message =
        type === 'entity.too.large'
          ? 'The request body is too large.'
          : 'The request body is not valid JSON.';
      sendError(res, type === 'entity.too.large' ? 'BODY_TOO_LARGE' : 'INVALID_JSON', message);
      return;
    }
    console.error('Local runner error:', error);
    sendError(res, 'RUNNER_FAILED', 'The local runner failed unexpectedly; the server log has the details.');
  });
  return router;
}

/** Every error the API answers: the contract's body, with the status its table gives the code. */
function sendError(res: Response, code: RunnerErrorCode, message: string): void {
  const body: RunnerErrorBody = { error: message, code };
  res.status(RUNNER_ERRORS[code]).json(body);
}
