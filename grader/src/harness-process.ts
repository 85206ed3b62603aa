/**
 * Starts `node harness.mjs` in a workspace as a child in its own process group, reads its
 * `@@kitchen {json}` protocol lines and counts everything else against an output cap. Killing it
 * kills the whole group, so a learner's app can't leave processes behind.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { setPriority } from 'node:os';
import { killTree } from './process-tree.ts';
import type { ResultsDocument } from './schemas.ts';

export interface HarnessMessage {
  type: string;
  id?: number;
  done?: number;
  total?: number;
  test?: string;
  results?: ResultsDocument;
}

export interface ProcessGroups {
  recordGroup(pgid: number): void;
  forgetGroup(pgid: number): void;
}

/** Turns `node …args` into the command that really starts (e.g. node inside a sandbox). */
export type HarnessLaunch = (nodeArgs: string[]) => { command: string; args: string[] };

/** Watches a started harness; `stop` ends the check with this code and message. Returns an unwatch. */
export type HarnessGuard = (pid: number, stop: (code: string, message: string) => void) => () => void;

export interface HarnessProcessOptions {
  args: string[];
  nodeArgs?: string[];
  env?: Record<string, string>;
  /** False: the child gets exactly `env` (and the colour switches), nothing of this process's own. */
  inheritEnv?: boolean;
  /** Told about the child's process group when it starts and when it is gone (orphan clean-up). */
  groups?: ProcessGroups;
  /** A niceness for the child (e.g. 10), so learner code never slows the process that serves pages. */
  priority?: number;
  /** Cap on output that is not protocol (the learner's stray writes): past it the run is stopped. */
  outputBytes: number;
  onMessage(message: HarnessMessage): void;
  launch?: HarnessLaunch;
  guard?: HarnessGuard;
  onOutputLimit(): void;
  /** A guard's limit was hit (memory, disk): the caller reports `code` and kills the process. */
  onLimit?(code: string, message: string): void;
  onExit(code: number | null, signal: NodeJS.Signals | null, stderrTail: string): void;
}

export interface HarnessProcess {
  child: ChildProcess;
  send(line: string): void;
  /** Kills the whole process group (idempotent). */
  kill(): void;
  exited: Promise<void>;
}

const PREFIX = '@@kitchen ';

export function startHarness(workspaceDir: string, options: HarnessProcessOptions): HarnessProcess {
  const nodeArgs = [...(options.nodeArgs ?? []), 'harness.mjs', ...options.args];
  const launched = options.launch?.(nodeArgs) ?? { command: process.execPath, args: nodeArgs };
  const child = spawn(launched.command, launched.args, {
    cwd: workspaceDir,
    // Its own process group: kill(-pid) then reaches Vitest's workers and anything the app started.
    detached: true,
    stdio: ['pipe', 'pipe', 'pipe'],
    // A server passes inheritEnv: false so that none of its own secrets reach learner code.
    env: {
      ...(options.inheritEnv === false ? {} : process.env),
      ...options.env,
      FORCE_COLOR: '0',
      NO_COLOR: '1',
    },
  });
  const pid = child.pid;
  let unwatch: (() => void) | undefined;
  if (pid !== undefined) {
    options.groups?.recordGroup(pid);
    unwatch = options.guard?.(pid, (code, message) => options.onLimit?.(code, message));
    if (options.priority !== undefined) {
      try {
        setPriority(pid, options.priority);
      } catch {
        // Not permitted on some systems; the check still runs.
      }
    }
  }
  let strayBytes = 0;
  let stderrTail = '';
  let buffer = '';
  let limited = false;
  const countStray = (size: number): void => {
    strayBytes += size;
    if (!limited && strayBytes > options.outputBytes) {
      limited = true;
      options.onOutputLimit();
    }
  };
  child.stdout!.setEncoding('utf8');
  child.stdout!.on('data', (chunk: string) => {
    buffer += chunk;
    let newline = buffer.indexOf('\n');
    while (newline >= 0) {
      const line = buffer.slice(0, newline);
      buffer = buffer.slice(newline + 1);
      if (line.startsWith(PREFIX)) {
        try {
          options.onMessage(JSON.parse(line.slice(PREFIX.length)) as HarnessMessage);
        } catch {
          countStray(line.length);
        }
      } else {
        countStray(line.length + 1);
      }
      newline = buffer.indexOf('\n');
    }
    // A line without an end that grows past the cap is output too.
    if (buffer.length > options.outputBytes && !buffer.startsWith(PREFIX)) {
      countStray(buffer.length);
      buffer = '';
    }
  });
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (chunk: string) => {
    countStray(chunk.length);
    stderrTail = (stderrTail + chunk).slice(-4000);
  });
  child.stdin!.on('error', () => {
    // The harness may exit before reading what we sent; that is reported through onExit.
  });
  const kill = (): void => {
    if (child.pid === undefined) return;
    // The group, and below the leader too: a sandboxed harness runs in a session of its own.
    killTree(child.pid);
  };
  const exited = new Promise<void>((resolve) => {
    child.on('close', (code, signal) => {
      unwatch?.();
      // Whatever the harness left behind in its group goes with it.
      kill();
      if (pid !== undefined) options.groups?.forgetGroup(pid);
      options.onExit(code, signal, stderrTail);
      resolve();
    });
    child.on('error', () => resolve());
  });
  return {
    child,
    send: (line) => {
      if (child.stdin!.writable) child.stdin!.write(`${line}\n`);
    },
    kill,
    exited,
  };
}
