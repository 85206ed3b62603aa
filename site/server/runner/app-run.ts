/**
 * One run of a learner's app (`node server.js` with PORT set): start it, say when it listens, and turn
 * every way it can end — crash, never listening, the wrong port, printing forever, running too long —
 * into one clear status message instead of a hang.
 */
import {
  startLearnerProcess,
  type ExitInfo,
  type LearnerProcess,
  type ResourceLimits,
  type StopReason,
} from './learner-process.ts';
import { canConnect, listeningPorts } from './port-watch.ts';
import { limitMessage } from './resource-watch.ts';
import type { AppStatus, AppStopCode } from '../../runtime/contract.ts';
import type { Launch } from './sandbox.ts';

export interface AppRunOptions {
  workspace: string;
  /** The port the app is told to use (process.env.PORT); it is reached there unless `socket` is set. */
  port: number;
  /** The Unix socket the app listens on in a sandbox without network (KITCHEN_SOCKET). */
  socket?: string;
  nodeArgs: string[];
  /** bubblewrap around `node …nodeArgs server.js`, when the machine has it. */
  launch?: Launch;
  resources?: ResourceLimits;
  /** The CPU seconds and largest file the sandbox allows, for the messages. */
  cpuSeconds?: number;
  fileBytes?: number;
  env: Record<string, string>;
  listenTimeoutMs: number;
  maxMs: number;
  outputBytes: number;
  emit: (event: AppStatus) => void;
  /** Turns machine paths in a message into paths relative to the exercise. */
  sanitize: (text: string) => string;
  output: (stream: 'stdout' | 'stderr', text: string) => void;
  groups?: { recordGroup(pgid: number): void; forgetGroup(pgid: number): void };
}

export interface AppRun {
  port: number;
  socket?: string;
  /** The process the run started (bubblewrap, or node): its tree is the app. */
  pid: number;
  isListening(): boolean;
  isRunning(): boolean;
  stop(reason: StopReason): Promise<void>;
  done: Promise<void>;
}

const POLL_MS = 100;
const WRONG_PORT_AFTER_MS = 1500;

/**
 * The error a crashed app printed, in one line, and where in the learner's files it happened
 * (`app.js:19`), read from its last lines (paths already relative). Node's own frames, node_modules
 * and the template's server.js are skipped: the learner cannot see or change them.
 */
export function summarizeCrash(tail: string): { error?: string; location?: string } {
  const lines = tail.split('\n');
  const error = lines.find((line) => /^(?:[A-Z]\w*Error|Error)(?: \[[A-Z_]+\])?: /.test(line.trim()))?.trim();
  let location: string | undefined;
  for (const line of lines) {
    const match = /(?:^|[\s(])((?!node:|node_modules\/)[\w./-]+\.[cm]?js):(\d+)/.exec(line);
    if (!match || match[1] === 'server.js' || match[1]!.startsWith('/')) continue;
    location = `${match[1]}:${match[2]}`;
    break;
  }
  return { error, location };
}

/** One sentence for a crash; the full output stays in Logs. */
function crashSentence(tail: string, fallback: string): string {
  const { error, location } = summarizeCrash(tail);
  if (error && /does not provide an export named 'default'/.test(error)) {
    return 'Your app could not start: app.js does not export the app. End app.js with `export default app;`: the workspace starts your app from that export.';
  }
  if (!error) return `${fallback} The error is usually in the last lines it printed, in Logs.`;
  return `Your app crashed${location ? ` at ${location}` : ''}: ${error}${location ? '' : ' (look in Logs for the line in your files)'}. The whole error is in Logs.`;
}

/** The output itself is in Logs already: the status only says so. */
function lastLines(tail: string): string {
  return tail ? ' Its last lines are in Logs.' : '';
}

/** Says how the run ended, in words a beginner can act on. */
export function describeExit(
  exit: ExitInfo,
  port: number,
  options: {
    listenTimeoutMs: number;
    maxMs: number;
    outputBytes: number;
    wrongPorts: number[];
    resources?: ResourceLimits;
    cpuSeconds?: number;
    fileBytes?: number;
  },
): AppStatus {
  const seconds = Math.round(options.listenTimeoutMs / 1000);
  const limited = (code: AppStopCode, message: string): AppStatus => ({
    type: 'status',
    state: 'crashed',
    code,
    message: `${message}${lastLines(exit.tail)}`,
  });
  switch (exit.reason) {
    case 'memory-limit':
      return limited('OUT_OF_MEMORY', limitMessage('memory', options.resources?.memoryBytes ?? 0));
    case 'disk-limit':
      return limited('DISK_LIMIT', limitMessage('disk', options.resources?.diskBytes ?? 0));
    case 'files-limit':
      return limited('DISK_LIMIT', limitMessage('files', options.resources?.maxEntries ?? 0));
    case 'stopped':
    case 'restart':
    case 'shutdown':
      return { type: 'status', state: 'stopped' };
    case 'abandoned':
      return {
        type: 'status',
        state: 'stopped',
        code: 'ABANDONED',
        message:
          'Your app was stopped because no page of this exercise is open any more. Press Run to start it again.',
      };
    case 'blocked':
      return {
        type: 'status',
        state: 'crashed',
        code: 'BLOCKED',
        message:
          'Your app stopped answering: it kept the processor busy without pause, so it could not take any request (an endless loop, like a while loop whose condition never becomes false, blocks everything). The runner stopped it; fix the loop and press Run.',
      };
    case 'idle':
      return {
        type: 'status',
        state: 'stopped',
        code: 'IDLE',
        message: 'Your app was stopped because nothing used it for a while. Press Run to start it again.',
      };
    case 'output-limit':
      return {
        type: 'status',
        state: 'output-limit',
        code: 'OUTPUT_LIMIT',
        message: `Your app printed more than ${Math.round(options.outputBytes / 1024)} KB, so the runner stopped it. Look for a console.log inside a loop or a handler that runs over and over.`,
      };
    case 'timeout':
      return {
        type: 'status',
        state: 'timeout',
        code: 'TIME_LIMIT',
        message: `Your app ran for ${Math.round(options.maxMs / 60_000)} minutes, the longest a run may last, so the runner stopped it. Press Run to start it again.`,
      };
    case 'never-listened':
      return {
        type: 'status',
        state: 'timeout',
        code: 'NEVER_LISTENED',
        message: `Your app did not start listening within ${seconds} s. server.js calls app.listen(process.env.PORT); check that app.js finishes loading (no endless loop or unfinished await at the top level).${lastLines(exit.tail)}`,
      };
    case 'wrong-port':
      return {
        type: 'status',
        state: 'timeout',
        code: 'WRONG_PORT',
        message: `Your app listens on port ${options.wrongPorts.join(', ')}, but the runner gave it port ${port} (process.env.PORT). Listen on process.env.PORT — or let server.js do the listening and only export the app from app.js.`,
      };
    default:
      break;
  }
  if (exit.signal === 'SIGXCPU') return limited('CPU_LIMIT', limitMessage('cpu', options.cpuSeconds ?? 0));
  // Node ignores SIGXFSZ, so a write past the kernel's file size limit fails with EFBIG instead.
  if (exit.signal === 'SIGXFSZ' || (exit.code !== 0 && /\bEFBIG\b/.test(exit.tail)))
    return limited('FILE_TOO_LARGE', limitMessage('file-size', options.fileBytes ?? 0));
  if (exit.code === 0) {
    return {
      type: 'status',
      state: 'exited',
      exitCode: 0,
      code: 'EXITED',
      message: `Your app ended by itself (exit code 0) instead of waiting for requests. Something called process.exit() or nothing kept it listening.${lastLines(exit.tail)}`,
    };
  }
  const outOfMemory = exit.outOfMemory;
  const how =
    exit.code === null ? `was killed by ${exit.signal ?? 'a signal'}` : `stopped with exit code ${exit.code}`;
  return {
    type: 'status',
    state: 'crashed',
    exitCode: exit.code,
    code: outOfMemory ? 'OUT_OF_MEMORY' : 'CRASHED',
    message: outOfMemory
      ? `Your app ran out of memory (the limit is there to protect the machine). Look for a list that grows forever or a loop that never ends.${lastLines(exit.tail)}`
      : crashSentence(`${exit.errorHead ?? ''}\n${exit.tail}`, `Your app crashed: it ${how}.`),
  };
}

export function startAppRun(options: AppRunOptions): AppRun {
  const { port } = options;
  let listening = false;
  let wrongPorts: number[] = [];
  options.emit({ type: 'status', state: 'starting', port });
  const child: LearnerProcess = startLearnerProcess({
    args: [...options.nodeArgs, 'server.js'],
    launch: options.launch,
    resources: options.resources,
    cwd: options.workspace,
    env: options.env,
    outputBytes: options.outputBytes,
    maxMs: options.maxMs,
    onOutput: options.output,
    groups: options.groups,
  });
  // app.js that calls app.listen() itself (lesson 2 teaches against it): the app still works, because
  // server.js listens too, but say so. In the sandbox any TCP port is its own; without it, any other port.
  const warnOwnListen = () => {
    const extra = listeningPorts(child.pid).filter((p) => options.socket !== undefined || p !== port);
    if (extra.length === 0) return;
    options.output(
      'stderr',
      `Note from the workspace: your code also listens on port ${extra.join(', ')} by itself (app.listen in app.js?). ` +
        'server.js already starts your app, so app.js should only build and export it: remove that app.listen call.\n',
    );
  };
  const started = Date.now();
  const poll = async () => {
    while (child.isRunning() && !listening) {
      if (await canConnect(options.socket ?? port)) {
        if (!child.isRunning()) return;
        listening = true;
        options.emit({ type: 'status', state: 'running', port });
        warnOwnListen();
        return;
      }
      const elapsed = Date.now() - started;
      if (elapsed > WRONG_PORT_AFTER_MS) {
        const ports = listeningPorts(child.pid).filter((p) => p !== port);
        if (ports.length > 0) {
          wrongPorts = ports;
          child.kill('wrong-port');
          return;
        }
      }
      if (elapsed > options.listenTimeoutMs) {
        child.kill('never-listened');
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  };
  void poll();
  const done = child.exited.then((exit) => {
    listening = false;
    options.emit(
      describeExit(
        { ...exit, tail: options.sanitize(exit.tail), errorHead: options.sanitize(exit.errorHead ?? '') },
        port,
        { ...options, wrongPorts },
      ),
    );
  });
  return {
    port,
    socket: options.socket,
    pid: child.pid,
    isListening: () => listening,
    isRunning: () => child.isRunning(),
    async stop(reason) {
      child.kill(reason);
      await done;
    },
    done,
  };
}
