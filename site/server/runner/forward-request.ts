/**
 * The request panel's backend: sends the learner's request to their running app and returns what it
 * answered. It only ever talks to 127.0.0.1 on the port the runner gave the app, so it cannot be used
 * to reach anything else (no SSRF): the path must be an origin-relative path like "/health".
 */
import { request as httpRequest } from 'node:http';
import type {
  HttpReply as ForwardReply,
  HttpRequest as ForwardRequest,
  RunnerErrorCode,
} from '../../runtime/contract.ts';
import { RunnerError } from './runner-error.ts';

export type { HttpRequest as ForwardRequest, HttpReply as ForwardReply } from '../../runtime/contract.ts';

const METHOD = /^[A-Z]{1,16}$/;
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}$/;
/** Headers the runner sets itself, or that would change where or how the request goes. */
const DROPPED_HEADERS = new Set([
  'host',
  'connection',
  'content-length',
  'transfer-encoding',
  'keep-alive',
  'upgrade',
  'proxy-connection',
  'te',
  'trailer',
  'expect',
]);
const MAX_BODY_BYTES = 1024 * 1024;

function bad(code: RunnerErrorCode, message: string): never {
  throw new RunnerError(code, message);
}

export function validateForwardRequest(input: unknown): ForwardRequest {
  if (typeof input !== 'object' || input === null)
    bad('INVALID_REQUEST', 'Send {method, path, headers?, body?} as JSON.');
  const { method, path, headers, body } = input as Record<string, unknown>;
  if (typeof method !== 'string' || !METHOD.test(method.toUpperCase())) {
    bad(
      'INVALID_METHOD',
      `The method ${JSON.stringify(method)} is not an HTTP method; use GET, POST, PUT, PATCH or DELETE.`,
    );
  }
  if (
    typeof path !== 'string' ||
    !path.startsWith('/') ||
    path.startsWith('//') ||
    path.length > 2048 ||
    /[\s\0]/.test(path)
  ) {
    bad(
      'INVALID_REQUEST_PATH',
      `The path ${JSON.stringify(typeof path === 'string' ? path.slice(0, 80) : path)} must start with "/" (like "/health") and contain no spaces; the request always goes to your own app.`,
    );
  }
  const clean: Record<string, string> = {};
  if (headers !== undefined) {
    if (typeof headers !== 'object' || headers === null || Array.isArray(headers))
      bad('INVALID_HEADERS', 'Headers must be an object of name → value.');
    const entries = Object.entries(headers as Record<string, unknown>);
    if (entries.length > 50) bad('INVALID_HEADERS', 'Send at most 50 headers.');
    for (const [name, value] of entries) {
      if (!HEADER_NAME.test(name))
        bad('INVALID_HEADERS', `The header name ${JSON.stringify(name)} is not valid.`);
      if (typeof value !== 'string' || /[\r\n\0]/.test(value) || value.length > 8192) {
        bad('INVALID_HEADERS', `The header "${name}" must be one line of text.`);
      }
      if (!DROPPED_HEADERS.has(name.toLowerCase())) clean[name] = value;
    }
  }
  if (body !== undefined && typeof body !== 'string')
    bad('INVALID_BODY', 'The body must be text; send JSON as a string and set content-type.');
  if (typeof body === 'string' && Buffer.byteLength(body) > MAX_BODY_BYTES)
    bad('INVALID_BODY', 'The body is larger than 1 MB.');
  return { method: method.toUpperCase(), path, headers: clean, body: body as string | undefined };
}

export function forwardRequest(
  port: number,
  request: ForwardRequest,
  options: { responseBytes: number; timeoutMs: number; socketPath?: string },
): Promise<ForwardReply> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const body = request.body === undefined ? undefined : Buffer.from(request.body);
    const outgoing = httpRequest(
      {
        // In a sandbox the app has no network: it listens on a Unix socket the runner gave it.
        ...(options.socketPath ? { socketPath: options.socketPath } : { host: '127.0.0.1', port }),
        method: request.method,
        path: request.path,
        headers: {
          ...request.headers,
          host: `localhost:${port}`,
          ...(body ? { 'content-length': String(body.length) } : {}),
        },
        timeout: options.timeoutMs,
      },
      (incoming) => {
        const chunks: Buffer[] = [];
        let size = 0;
        let truncated = false;
        incoming.on('data', (chunk: Buffer) => {
          if (truncated) return;
          if (size + chunk.length > options.responseBytes) {
            chunks.push(chunk.subarray(0, options.responseBytes - size));
            size = options.responseBytes;
            truncated = true;
            incoming.destroy();
            finish();
            return;
          }
          chunks.push(chunk);
          size += chunk.length;
        });
        let finished = false;
        const finish = () => {
          if (finished) return;
          finished = true;
          const headers: Record<string, string> = {};
          for (const [name, value] of Object.entries(incoming.headers)) {
            if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
          }
          resolve({
            status: incoming.statusCode ?? 0,
            headers,
            body: Buffer.concat(chunks).toString('utf8'),
            durationMs: Math.round(performance.now() - started),
            truncated,
          });
        };
        incoming.on('end', finish);
        incoming.on('error', () =>
          truncated
            ? finish()
            : reject(
                new RunnerError(
                  'APP_CONNECTION_LOST',
                  'Your app closed the connection before it finished answering.',
                ),
              ),
        );
      },
    );
    outgoing.on('timeout', () => {
      outgoing.destroy();
      reject(
        new RunnerError(
          'APP_TIMEOUT',
          `Your app did not answer ${request.method} ${request.path} within ${Math.round(options.timeoutMs / 1000)} s. A route that never calls res.send()/res.json() causes this.`,
        ),
      );
    });
    outgoing.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ECONNREFUSED' || error.code === 'ENOENT')
        reject(new RunnerError('NOT_RUNNING', 'Your app is not listening any more; press Run to start it.'));
      else
        reject(
          new RunnerError(
            'APP_CONNECTION_LOST',
            `Your app closed the connection without answering (${error.code ?? error.message}). It may have crashed: look at its output.`,
          ),
        );
    });
    outgoing.end(body);
  });
}
