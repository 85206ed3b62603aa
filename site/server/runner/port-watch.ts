/**
 * Finds out when a learner's app is reachable: it polls a TCP connect to the port the runner gave it,
 * and (on Linux) reads /proc to see which ports the app's process group listens on instead, so
 * "listening on the wrong port" can be told apart from "never listening".
 */
import { connect } from 'node:net';
import { createServer } from 'node:net';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { processTree } from '../../../grader/src/process-tree.ts';

/** A free TCP port on 127.0.0.1, chosen by the OS. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Whether something accepts connections on this port of 127.0.0.1, or on this Unix socket path. */
export function canConnect(target: number | string, host = '127.0.0.1', timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = typeof target === 'string' ? connect({ path: target }) : connect({ port: target, host });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

function groupPids(pgid: number): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) === pgid) pids.push(pid);
    } catch {
      // The process ended while we looked.
    }
  }
  return pids;
}

/**
 * Ports the process (and its group, and everything it started) listens on (TCP, any address); empty
 * where /proc is not available. Each process's own network namespace is read (a sandbox has one).
 */
export function listeningPorts(pid: number): number[] {
  try {
    const inodes = new Set<string>();
    const pids = [...new Set([...groupPids(pid), ...processTree(pid)])];
    for (const pid of pids) {
      let fds: string[] = [];
      try {
        fds = readdirSync(`/proc/${pid}/fd`);
      } catch {
        continue;
      }
      for (const fd of fds) {
        try {
          const match = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
          if (match) inodes.add(match[1]!);
        } catch {
          // The descriptor closed while we looked.
        }
      }
    }
    const ports = new Set<number>();
    const tables = pids.flatMap((pid) => [`/proc/${pid}/net/tcp`, `/proc/${pid}/net/tcp6`]);
    for (const table of ['/proc/net/tcp', '/proc/net/tcp6', ...tables]) {
      let text = '';
      try {
        text = readFileSync(table, 'utf8');
      } catch {
        continue;
      }
      for (const line of text.split('\n').slice(1)) {
        const fields = line.trim().split(/\s+/);
        if (fields.length < 10 || fields[3] !== '0A') continue;
        if (!inodes.has(fields[9]!)) continue;
        ports.add(parseInt(fields[1]!.split(':')[1]!, 16));
      }
    }
    return [...ports].sort((a, b) => a - b);
  } catch {
    return [];
  }
}
