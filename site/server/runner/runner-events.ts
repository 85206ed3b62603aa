/**
 * The messages a session sends over its event socket (their types are in site/runtime/contract.ts, shared with the browser), and the
 * hub that fans them out to every socket open on the session. Output is batched (a chatty app sends a
 * few messages a second, not thousands) and dropped for a socket that cannot keep up.
 */
import type { WebSocket } from 'ws';
import type { RunnerEvent } from '../../runtime/contract.ts';

// The event types are the browser's too: one contract module (site/runtime/contract.ts).
export type { RunnerAppState as AppState, RunnerEvent } from '../../runtime/contract.ts';

const FLUSH_MS = 25;
const BACKLOG_BYTES = 16 * 1024;
const SLOW_SOCKET_BYTES = 1024 * 1024;

export class EventHub {
  private readonly sockets = new Set<WebSocket>();
  private pending: { stream: 'stdout' | 'stderr'; data: string } | undefined;
  private timer: NodeJS.Timeout | undefined;
  private backlog = '';
  private lastStatus: RunnerEvent | undefined;
  /** Told when the last page listening to this session goes away (its tab closed, or it went silent). */
  onEmpty: (() => void) | undefined;
  /** Told when a page attaches. */
  onAttach: (() => void) | undefined;

  get connected(): number {
    return this.sockets.size;
  }

  /** Adds a socket and tells it where things stand: the last status and the recent output. */
  attach(socket: WebSocket): void {
    this.sockets.add(socket);
    this.onAttach?.();
    socket.once('close', () => {
      this.sockets.delete(socket);
      if (this.sockets.size === 0) this.onEmpty?.();
    });
    if (this.backlog) socket.send(JSON.stringify({ type: 'output', stream: 'stdout', data: this.backlog }));
    if (this.lastStatus) socket.send(JSON.stringify(this.lastStatus));
  }

  output(stream: 'stdout' | 'stderr', data: string): void {
    this.backlog = (this.backlog + data).slice(-BACKLOG_BYTES);
    if (this.pending && this.pending.stream !== stream) this.flush();
    if (this.pending) this.pending.data += data;
    else this.pending = { stream, data };
    this.timer ??= setTimeout(() => this.flush(), FLUSH_MS);
  }

  /** Forgets the previous run's output so a reconnecting socket sees only the current one. */
  clearBacklog(): void {
    this.backlog = '';
  }

  send(event: RunnerEvent): void {
    this.flush();
    if (event.type === 'status') this.lastStatus = event;
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
    if (pending) this.broadcast({ type: 'output', ...pending }, true);
  }

  private broadcast(event: RunnerEvent, droppable: boolean): void {
    const text = JSON.stringify(event);
    for (const socket of this.sockets) {
      if (socket.readyState !== socket.OPEN) continue;
      if (droppable && socket.bufferedAmount > SLOW_SOCKET_BYTES) continue;
      socket.send(text);
    }
  }
}
