/**
 * The walls around every learner process, besides its own process group and the limits
 * (learner-process.ts): bubblewrap where the machine has it (bubblewrap.ts: the OS wall), a minimal
 * environment, and Node's permission model.
 *
 * Permission model (Node 24): fs reads only of the workspace and node_modules, fs writes only to the
 * workspace, no child processes. It is a second wall, not a sandbox — Node's own documentation says
 * it does not stop deliberately malicious code — so the first walls are the request guard (only this
 * site's pages can start code) and bubblewrap (or, without it, the OS account the server runs as).
 *
 * What needs what (found by running them under --permission):
 * - `node server.js`: reads of the workspace and node_modules (through the link above the workspace
 *   and its real path); --allow-addons only for exercises that use sqlite3 (a native addon). Addons are
 *   native code, so they are off unless needed.
 * - the check harness (Vitest through its Node API): the same, plus --allow-worker, plus reads of a
 *   few paths Vite probes with existsSync, which throws under the permission model: pnpm-workspace.yaml
 *   and lerna.json in each folder above the workspace, and two WSL markers. None of them holds anything.
 *   The harness process itself also gets --allow-child-process (run-check.ts) to start Vitest's "forks"
 *   workers; those get this narrower set through NODE_OPTIONS, so learner code, which runs only in
 *   them, can start no process.
 * - the module cache (workspace-root.ts moduleCacheDir): the workers read the transformed modules
 *   from it, so checks may read it; only the harness process may write it (run-check.ts), so learner
 *   code cannot change what a later check runs.
 */
import { dirname, join } from 'node:path';
import { detectBubblewrap, sandboxCommand, type KernelLimits, type SandboxMounts } from './bubblewrap.ts';
import { moduleCacheDir, ROOT_ENV } from './workspace-root.ts';

export type SandboxMode = 'run' | 'check';

export interface SandboxOptions {
  mode: SandboxMode;
  workspace: string;
  /** The per-start root path (marked in the environment so orphans can be found later). */
  root: string;
  nodeModules: string;
  nodeModulesLink: string;
  addons: boolean;
  memoryMb: number;
}

const VITE_PROBED_FILES = ['pnpm-workspace.yaml', 'lerna.json'];
const VITE_PROBED_PATHS = ['/proc/sys/fs/binfmt_misc/WSLInterop', '/run/WSL'];

function ancestors(path: string): string[] {
  const list: string[] = [];
  let current = dirname(path);
  for (;;) {
    list.push(current);
    const parent = dirname(current);
    if (parent === current) return list;
    current = parent;
  }
}

export function sandboxNodeArgs(options: SandboxOptions): string[] {
  const { workspace, nodeModules, nodeModulesLink } = options;
  for (const path of [workspace, nodeModules, nodeModulesLink]) {
    // The flag parser splits on commas in some Node versions; a path with one would widen access.
    if (path.includes(',')) throw new Error(`The runner cannot sandbox a path with a comma: ${path}`);
  }
  const reads = [workspace, nodeModulesLink, nodeModules];
  if (options.mode === 'check') {
    reads.push(moduleCacheDir(workspace));
    for (const folder of ancestors(workspace))
      for (const file of VITE_PROBED_FILES) reads.push(join(folder, file));
    reads.push(...VITE_PROBED_PATHS);
  }
  const args = [
    '--permission',
    ...reads.map((path) => `--allow-fs-read=${path}`),
    `--allow-fs-write=${workspace}`,
    `--max-old-space-size=${options.memoryMb}`,
    // The permission flags print a SecurityWarning meant for the operator; learners would only be confused.
    '--disable-warning=SecurityWarning',
  ];
  if (options.addons) args.push('--allow-addons');
  if (options.mode === 'check') args.push('--allow-worker');
  return args;
}

export interface SandboxEnvOptions {
  mode: SandboxMode;
  workspace: string;
  root: string;
  port?: number;
  /** The Unix socket the app listens on instead of the port (inside bubblewrap it has no network). */
  socket?: string;
}

/** A minimal environment: nothing of the server's own (no tokens, keys or secrets) reaches learner code. */
export function sandboxEnv({
  mode,
  workspace,
  root,
  port,
  socket,
}: SandboxEnvOptions): Record<string, string> {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: workspace,
    TMPDIR: workspace,
    LANG: 'C.UTF-8',
    NODE_ENV: mode === 'check' ? 'test' : 'development',
    [ROOT_ENV]: root,
  };
  if (process.env.TZ) env.TZ = process.env.TZ;
  if (port !== undefined) env.PORT = String(port);
  if (socket !== undefined) env.KITCHEN_SOCKET = socket;
  if (mode === 'check') {
    env.FORCE_COLOR = '0';
    // Each session's workspace is new: writing Node's compile cache there costs a check more than it
    // saves (measured ~+1 s on a loaded machine), and a cache shared between sessions would be
    // writable by every learner's code, which then runs in the others' processes.
    env.NODE_DISABLE_COMPILE_CACHE = '1';
    // Vitest's module cache, where the harness alone may write it (not the workspace's node_modules,
    // which is read-only in the sandbox): a warm check then transforms only the files that changed.
    env.KITCHEN_MODULE_CACHE = moduleCacheDir(workspace);
  }
  return env;
}

/** Top-level workspace entries the learner never writes (grading files); `.kitchen` stays writable. */
export function gradingEntries(workspace: string, reserved: Iterable<string>): string[] {
  const names = new Set<string>();
  for (const path of reserved) {
    const top = path.split('/')[0]!;
    if (top !== 'node_modules' && top !== '.kitchen') names.add(top);
  }
  return [...names].sort().map((name) => join(workspace, name));
}

export interface Launch {
  command: string;
  args: string[];
  /** True inside bubblewrap: a signal then shows as exit code 128 + its number. */
  sandboxed: boolean;
}

/**
 * How to start `node <nodeArgs>` for learner code: inside bubblewrap where it works, else plain node
 * (the permission model alone). `mounts` and `kernel` only matter with bubblewrap.
 */
export function learnerLaunch(nodeArgs: string[], mounts: SandboxMounts, kernel: KernelLimits): Launch {
  const status = detectBubblewrap();
  if (!status.available) return { command: process.execPath, args: nodeArgs, sandboxed: false };
  return { ...sandboxCommand(status.bwrap, mounts, kernel, nodeArgs), sandboxed: true };
}
