/**
 * The event WebSocket, /api/sessions/:id/events?token=…, behind the same guard as the JSON API
 * (browsers cannot set headers on a WebSocket, so the token rides in the query).
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { RequestGuard } from './request-guard.ts';
import type { SessionStore } from './session-store.ts';

const EVENTS_PATH = /^\/api\/sessions\/([A-Za-z0-9_-]{1,64})\/events$/;
/** A page that does not answer two pings in a row is gone (a tab closed without a goodbye, a sleeping laptop). */
const PING_MS = 10_000;

function refuse(socket: Duplex, status: number, text: string, reason: string): void {
  const body = JSON.stringify({ error: reason, code: status === 403 ? 'FORBIDDEN' : 'SESSION_NOT_FOUND' });
  socket.end(
    `HTTP/1.1 ${status} ${text}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

export interface EventSockets {
  /** Handles an upgrade if it is the runner's; returns false for anyone else's (e.g. Vite's HMR). */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  close(): void;
}

export function createEventSockets(guard: RequestGuard, store: SessionStore): EventSockets {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 });
  const alive = new WeakMap<object, boolean>();
  const pinger = setInterval(() => {
    for (const client of wss.clients) {
      if (alive.get(client) === false) {
        client.terminate();
        continue;
      }
      alive.set(client, false);
      client.ping();
    }
  }, PING_MS);
  pinger.unref();
  return {
    handleUpgrade(req, socket, head) {
      const url = new URL(req.url ?? '/', 'http://runner.invalid');
      if (!url.pathname.startsWith('/api/')) return false;
      const verdict = guard.check(req, url.searchParams.get('token') ?? undefined);
      if (!verdict.ok) {
        refuse(socket, 403, 'Forbidden', verdict.reason ?? 'Forbidden');
        return true;
      }
      const match = EVENTS_PATH.exec(url.pathname);
      let session;
      try {
        session = match ? store.get(match[1]!) : undefined;
      } catch {
        session = undefined;
      }
      if (!session) {
        refuse(socket, 404, 'Not Found', 'This session does not exist or has ended; reload the page.');
        return true;
      }
      wss.handleUpgrade(req, socket, head, (ws) => {
        alive.set(ws, true);
        session.hub.attach(ws);
        ws.on('message', () => session.touch());
        ws.on('pong', () => alive.set(ws, true));
      });
      return true;
    },
    close() {
      clearInterval(pinger);
      for (const client of wss.clients) client.terminate();
      wss.close();
    },
  };
}
