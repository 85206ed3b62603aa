/**
 * Starts one learner process (a node script in a workspace) with its limits: its own process group,
 * killed as a whole; a wall-clock limit; an output cap; a lower CPU priority than the site server, so
 * a learner's busy loop never slows the site's own pages.
 */
import { spawn } from 'node:child_process';
import { constants, setPriority } from 'node:os';
import { StringDecoder } from 'node:string_decoder';
import { killTree, waitGone } from '../../../grader/src/process-tree.ts';
import { watchResources, type ResourceLimitKind } from './resource-watch.ts';
import type { Launch } from './sandbox.ts';

export type StopReason =
  | 'stopped'
  | 'timeout'
  | 'output-limit'
  | 'idle'
  | 'shutdown'
  | 'never-listened'
  | 'wrong-port'
  | 'restart'
  | 'abandoned'
  | 'blocked'
  | 'memory-limit'
  | 'disk-limit'
  | 'files-limit';

const LIMIT_REASONS: Record<ResourceLimitKind, StopReason> = {
  memory: 'memory-limit',
  disk: 'disk-limit',
  files: 'files-limit',
};

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Set when the runner ended the process rather than the process ending itself. */
  reason?: StopReason;
  /** The last lines the process printed (both streams), for crash reports. */
  tail: string;
  /** The first lines it printed on stderr (where Node puts the file and line of a crash). */
  errorHead?: string;
  /** V8 said the heap ran out (its report is longer than the tail, so this is noted as it goes by). */
  outOfMemory: boolean;
}

export interface ResourceLimits {
  /** Resident memory of the whole sandbox, in bytes. */
  memoryBytes: number;
  /** The workspace to measure, and its quota. */
  workspace?: string;
  diskBytes?: number;
  maxEntries?: number;
}

export interface LearnerProcessOptions {
  nodePath?: string;
  args: string[];
  /** Start this instead of `node …args` (bubblewrap around node: sandbox.ts learnerLaunch). */
  launch?: Launch;
  /** Watched from outside; past one of them the process is killed with a *-limit reason. */
  resources?: ResourceLimits;
  cwd: string;
  env: Record<string, string>;
  outputBytes: number;
  maxMs: number;
  onOutput: (stream: 'stdout' | 'stderr', text: string) => void;
  /** Called when the cap is hit, before the process is killed. */
  onOutputLimit?: () => void;
  groups?: { recordGroup(pgid: number): void; forgetGroup(pgid: number): void };
}

export interface LearnerProcess {
  pid: number;
  exited: Promise<ExitInfo>;
  /** Kills the whole process group; the first reason given wins. */
  kill(reason: StopReason): void;
  isRunning(): boolean;
}

const TAIL_LINES = 12;

/** Kills the process group and everything below its leader (a sandbox has a session of its own). */
export function killGroup(pgid: number): number[] {
  return killTree(pgid);
}

/** Inside bubblewrap a signal shows as exit code 128 + its number: turn it back into the signal. */
export function unwrapExit(
  code: number | null,
  signal: NodeJS.Signals | null,
  sandboxed: boolean,
): { code: number | null; signal: NodeJS.Signals | null } {
  if (!sandboxed || code === null || code <= 128) return { code, signal };
  const number = code - 128;
  const name = Object.entries(constants.signals).find(([, value]) => value === number)?.[0];
  return name ? { code: null, signal: name as NodeJS.Signals } : { code, signal };
}

export function startLearnerProcess(options: LearnerProcessOptions): LearnerProcess {
  const command = options.launch?.command ?? options.nodePath ?? process.execPath;
  const child = spawn(command, options.launch?.args ?? options.args, {
    cwd: options.cwd,
    env: options.env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const pid = child.pid;
  if (pid === undefined) {
    return {
      pid: -1,
      exited: Promise.resolve({
        code: null,
        signal: null,
        tail: 'The runner could not start node.',
        outOfMemory: false,
      }),
      kill: () => undefined,
      isRunning: () => false,
    };
  }
  options.groups?.recordGroup(pid);
  try {
    setPriority(pid, 10);
  } catch {
    // Not permitted on some systems; the process still runs.
  }
  let reason: StopReason | undefined;
  let running = true;
  let printed = 0;
  let tail = '';
  let errorHead = '';
  let outOfMemory = false;
  let killed: number[] = [];
  const kill = (why: StopReason) => {
    if (!running) return;
    reason ??= why;
    killed = killGroup(pid);
  };
  const timer = setTimeout(() => kill('timeout'), options.maxMs);
  timer.unref();
  const watch = options.resources
    ? watchResources({ rootPid: pid, ...options.resources, onLimit: (kind) => kill(LIMIT_REASONS[kind]) })
    : undefined;
  const listen = (stream: 'stdout' | 'stderr', source: NodeJS.ReadableStream) => {
    const decoder = new StringDecoder('utf8');
    source.on('data', (chunk: Buffer) => {
      if (reason === 'output-limit') return;
      printed += chunk.length;
      let text = decoder.write(chunk);
      if (printed > options.outputBytes) {
        text = text.slice(0, Math.max(0, text.length - (printed - options.outputBytes)));
        if (text) options.onOutput(stream, text);
        options.onOutputLimit?.();
        kill('output-limit');
        return;
      }
      if (!outOfMemory && /heap out of memory|Reached heap limit/.test(text)) outOfMemory = true;
      if (stream === 'stderr' && errorHead.length < 4096) errorHead = (errorHead + text).slice(0, 4096);
      tail = (tail + text)
        .split('\n')
        .slice(-TAIL_LINES - 1)
        .join('\n');
      if (text) options.onOutput(stream, text);
    });
  };
  listen('stdout', child.stdout);
  listen('stderr', child.stderr);
  const exited = new Promise<ExitInfo>((resolve) => {
    let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
    const finish = () => {
      if (!exit) return;
      options.groups?.forgetGroup(pid);
      const info = { ...exit, reason, tail: tail.trimEnd(), errorHead: errorHead.trimEnd(), outOfMemory };
      // Inside a sandbox the last processes die just after its leader: say "stopped" only once they have.
      void waitGone(killed).then(() => resolve(info));
    };
    child.once('error', () => undefined);
    child.once('exit', (code, signal) => {
      running = false;
      clearTimeout(timer);
      watch?.stop();
      exit = unwrapExit(code, signal, options.launch?.sandboxed ?? false);
      // The leader is gone but its children may not be: sweep the group, which also closes the pipes
      // they inherited. A process that left the group could hold the pipes open, so do not wait on them.
      killGroup(pid);
      const fallback = setTimeout(() => {
        child.stdout.destroy();
        child.stderr.destroy();
        finish();
      }, 1000);
      child.once('close', () => {
        clearTimeout(fallback);
        finish();
      });
    });
  });
  return { pid, exited, kill, isRunning: () => running };
}
