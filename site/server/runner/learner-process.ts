/**
 * Starts one learner process (a node script in a workspace) with its limits: its own process group,
 * killed as a whole; a wall-clock limit; an output cap; a lower CPU priority than the site server, so
 * a learner's busy loop never slows the site's own pages.
 */
import { spawn } from 'node:child_process';
import { setPriority } from 'node:os';
import { StringDecoder } from 'node:string_decoder';

export type StopReason =
  'stopped' | 'timeout' | 'output-limit' | 'idle' | 'shutdown' | 'never-listened' | 'wrong-port' | 'restart';

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Set when the runner ended the process rather than the process ending itself. */
  reason?: StopReason;
  /** The last lines the process printed (both streams), for crash reports. */
  tail: string;
  /** V8 said the heap ran out (its report is longer than the tail, so this is noted as it goes by). */
  outOfMemory: boolean;
}

export interface LearnerProcessOptions {
  nodePath?: string;
  args: string[];
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

export function killGroup(pgid: number): void {
  try {
    process.kill(-pgid, 'SIGKILL');
  } catch {
    // The group is already gone.
  }
}

export function startLearnerProcess(options: LearnerProcessOptions): LearnerProcess {
  const child = spawn(options.nodePath ?? process.execPath, options.args, {
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
  let outOfMemory = false;
  const kill = (why: StopReason) => {
    if (!running) return;
    reason ??= why;
    killGroup(pid);
  };
  const timer = setTimeout(() => kill('timeout'), options.maxMs);
  timer.unref();
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
      resolve({ ...exit, reason, tail: tail.trimEnd(), outOfMemory });
    };
    child.once('error', () => undefined);
    child.once('exit', (code, signal) => {
      running = false;
      clearTimeout(timer);
      exit = { code, signal };
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
