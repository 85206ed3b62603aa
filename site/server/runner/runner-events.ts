/**
 * The messages a session sends over its event socket (ContainerEvent, site/runtime/contract.ts, shared
 * with the browser), and the hub that fans them out to every socket open on the session. The app's
 * output is batched (a chatty app sends a few messages a second, not thousands) and dropped for a
 * socket that cannot keep up; everything else (the grader's lines, exits, ports) is never dropped.
 */
import type { WebSocket } from 'ws';
import type { ContainerEvent } from '../../runtime/contract.ts';

// The event types are the browser's too: one contract module (site/runtime/contract.ts).
export type { RunnerAppState as AppState, ContainerEvent } from '../../runtime/contract.ts';

const FLUSH_MS = 25;
const BACKLOG_BYTES = 16 * 1024;
const SLOW_SOCKET_BYTES = 1024 * 1024;

export class EventHub {
  private readonly sockets = new Set<WebSocket>();
  private pending: { pid: string; stream: 'stdout' | 'stderr'; data: string } | undefined;
  private timer: NodeJS.Timeout | undefined;
  private backlog: { pid: string; data: string } | undefined;
  /** The app's last port or exit event, told again to a page that (re)connects. */
  private lastAppEvent: ContainerEvent | undefined;
  /** Told when the last page listening to this session goes away (its tab closed, or it went silent). */
  onEmpty: (() => void) | undefined;
  /** Told when a page attaches. */
  onAttach: (() => void) | undefined;

  get connected(): number {
    return this.sockets.size;
  }

  /** Adds a socket and tells it where things stand: the app's recent output and its last state. */
  attach(socket: WebSocket): void {
    this.sockets.add(socket);
    this.onAttach?.();
    socket.once('close', () => {
      this.sockets.delete(socket);
      if (this.sockets.size === 0) this.onEmpty?.();
    });
    this.flush();
    const backlog = this.backlog;
    if (backlog) {
      const event: ContainerEvent = { type: 'process-output', pid: backlog.pid, stream: 'stdout', data: backlog.data };
      socket.send(JSON.stringify(event));
    }
    if (this.lastAppEvent) socket.send(JSON.stringify(this.lastAppEvent));
  }

  /** The app's output (batched, droppable). */
  output(pid: string, stream: 'stdout' | 'stderr', data: string): void {
    const kept = this.backlog?.pid === pid ? this.backlog.data : '';
    this.backlog = { pid, data: (kept + data).slice(-BACKLOG_BYTES) };
    if (this.pending && (this.pending.stream !== stream || this.pending.pid !== pid)) this.flush();
    if (this.pending) this.pending.data += data;
    else this.pending = { pid, stream, data };
    this.timer ??= setTimeout(() => this.flush(), FLUSH_MS);
  }

  /** Forgets the previous run's output so a reconnecting socket sees only the current one. */
  clearBacklog(): void {
    this.backlog = undefined;
  }

  /** Sends an event to every page, in order after the output before it; never dropped. */
  send(event: ContainerEvent, app = false): void {
    this.flush();
    if (app) this.lastAppEvent = event;
    this.broadcast(event, false);
  }

  close(): void {
    this.flush();
    for (const socket of this.sockets) socket.close(1001, 'Session ended');
    this.sockets.clear();
  }

  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const pending = this.pending;
    this.pending = undefined;
    if (pending) this.broadcast({ type: 'process-output', ...pending }, true);
  }

  private broadcast(event: ContainerEvent, droppable: boolean): void {
    const text = JSON.stringify(event);
    for (const socket of this.sockets) {
      if (socket.readyState !== socket.OPEN) continue;
      if (droppable && socket.bufferedAmount > SLOW_SOCKET_BYTES) continue;
      socket.send(text);
    }
  }
}
