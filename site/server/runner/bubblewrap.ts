/**
 * The OS wall around every learner process on Linux: bubblewrap (the sandbox Flatpak uses) puts it in
 * new user, PID, IPC, UTS, cgroup and network namespaces with no capabilities, a read-only view of the
 * toolchain and node_modules, and a writable view of its own workspace only — with every grading file
 * inside the workspace (harness, grading helpers, tests, vitest config, server.js, the reference)
 * mounted read-only on top. Limits the kernel enforces per process (file size, open files, CPU time,
 * no core dumps) are set with prlimit; resident memory and the workspace's disk use are watched from
 * outside (resource-watch.ts), since no rlimit measures them.
 *
 * The learner's app has no network at all but its own loopback, so the server reaches it through a
 * Unix socket in a folder of its own (KITCHEN_SOCKET, which the template's server.js listens on).
 *
 * Node's permission model (sandbox.ts) stays on inside, as a second wall.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, readlinkSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { moduleCacheDir } from './workspace-root.ts';

export interface Bubblewrap {
  /** The bwrap binary. */
  path: string;
  /** prlimit, when present (util-linux): per-process kernel limits. */
  prlimit?: string;
}

export type BubblewrapStatus = { available: true; bwrap: Bubblewrap } | { available: false; reason: string };

function which(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '/usr/bin:/bin').split(delimiter)) {
    const candidate = join(dir, name);
    if (dir && existsSync(candidate)) return candidate;
  }
  return undefined;
}

let cached: BubblewrapStatus | undefined;

/**
 * Whether learner code can be sandboxed here: bwrap is installed and can create the namespaces (some
 * systems turn unprivileged user namespaces off). KITCHEN_SANDBOX=off forces the answer to no (for
 * measuring the sandbox's cost); a path in KITCHEN_BWRAP names the binary.
 */
export function detectBubblewrap(): BubblewrapStatus {
  if (cached) return cached;
  cached = probe();
  return cached;
}

function probe(): BubblewrapStatus {
  if (process.platform !== 'linux')
    return { available: false, reason: `bubblewrap runs on Linux only (this is ${process.platform})` };
  if (process.env.KITCHEN_SANDBOX === 'off') return { available: false, reason: 'KITCHEN_SANDBOX=off' };
  const path = process.env.KITCHEN_BWRAP || which('bwrap');
  if (!path) return { available: false, reason: 'bubblewrap (bwrap) is not installed' };
  const tried = spawnSync(
    path,
    [
      '--unshare-all',
      '--unshare-user',
      '--die-with-parent',
      '--new-session',
      '--cap-drop',
      'ALL',
      ...systemMounts(),
      process.execPath,
      '-e',
      '0',
    ],
    { encoding: 'utf8', timeout: 10_000, env: { PATH: '/usr/bin:/bin' } },
  );
  if (tried.status !== 0) {
    const why = (tried.stderr || tried.error?.message || `exit code ${tried.status}`).trim().split('\n')[0];
    return { available: false, reason: `bubblewrap cannot create a sandbox here (${why})` };
  }
  return { available: true, bwrap: { path, prlimit: which('prlimit') } };
}

/** Forget the probe (tests that change KITCHEN_SANDBOX). */
export function resetBubblewrapProbe(): void {
  cached = undefined;
}

/** The system folders a dynamically linked node needs, read-only; merged-/usr links stay links. */
function systemMounts(): string[] {
  const args = ['--ro-bind', '/usr', '/usr'];
  for (const name of ['/bin', '/sbin', '/lib', '/lib32', '/lib64', '/libx32']) {
    let stat;
    try {
      stat = lstatSync(name);
    } catch {
      continue;
    }
    if (stat.isSymbolicLink()) args.push('--symlink', readlinkSync(name), name);
    else if (stat.isDirectory()) args.push('--ro-bind', name, name);
  }
  // The dynamic loader's cache and the time zone; nothing else of /etc (no passwd, no shadow, no
  // certificates). Without /etc/localtime every Node process searched all of /usr/share/zoneinfo
  // (ICU, ~2,700 opens) the first time it used local time, and glibc tried the file again on each
  // call: ~11 ms per test worker, and dates printed in UTC instead of the machine's zone.
  args.push('--ro-bind-try', '/etc/ld.so.cache', '/etc/ld.so.cache');
  args.push(...localtimeMount());
  // Node itself, wherever it is installed (the repo's node devDependency, nvm, /usr/local …).
  const prefix = dirname(dirname(process.execPath));
  if (prefix !== '/usr' && prefix !== '/') args.push('--ro-bind', prefix, prefix);
  return args;
}

/** /etc/localtime as the machine has it: a link stays a link (ICU reads the zone's name from it). */
function localtimeMount(): string[] {
  let stat;
  try {
    stat = lstatSync('/etc/localtime');
  } catch {
    return [];
  }
  if (stat.isSymbolicLink()) return ['--symlink', readlinkSync('/etc/localtime'), '/etc/localtime'];
  if (stat.isFile()) return ['--ro-bind', '/etc/localtime', '/etc/localtime'];
  return [];
}

export interface SandboxMounts {
  workspace: string;
  /** Paths inside the workspace that learner code must not change (grading files): read-only. */
  readOnly: string[];
  /** An empty folder of the server's, mounted read-only over workspace/node_modules. */
  emptyDir: string;
  /** The sandbox's /etc/hosts (localhost only), so `localhost` resolves on the sandbox's own loopback. */
  hostsFile?: string;
  nodeModules: string;
  nodeModulesLink: string;
  /** A folder for the app's Unix socket, writable (Run only). */
  socketDir?: string;
}

export interface KernelLimits {
  /** Largest file a process may write, in bytes (RLIMIT_FSIZE). */
  fileBytes: number;
  /** Open files and sockets per process (RLIMIT_NOFILE). */
  openFiles: number;
  /** CPU seconds per process (RLIMIT_CPU): SIGXCPU, then SIGKILL. */
  cpuSeconds: number;
}

/** The command line that runs `node …args` inside the sandbox. */
export function sandboxCommand(
  bwrap: Bubblewrap,
  mounts: SandboxMounts,
  limits: KernelLimits,
  nodeArgs: string[],
): { command: string; args: string[] } {
  const { workspace } = mounts;
  const wall = [
    '--unshare-all',
    '--unshare-user',
    // No namespaces inside the sandbox: a smaller kernel surface for hostile code.
    '--disable-userns',
    '--die-with-parent',
    // A new session: learner code cannot push keystrokes into a terminal (TIOCSTI) or signal the group.
    '--new-session',
    '--cap-drop',
    'ALL',
    ...systemMounts(),
    '--proc',
    '/proc',
    '--dev',
    '/dev',
    '--size',
    String(16 * 1024 * 1024),
    '--tmpfs',
    '/tmp',
    '--ro-bind',
    mounts.nodeModules,
    mounts.nodeModules,
    '--symlink',
    mounts.nodeModules,
    mounts.nodeModulesLink,
    '--bind',
    workspace,
    workspace,
  ];
  for (const path of mounts.readOnly) wall.push('--ro-bind-try', path, path);
  // Module resolution looks in workspace/node_modules first: an empty, read-only folder there means
  // learner code cannot plant a fake "vitest" or "supertest" for the grader to load.
  wall.push('--ro-bind', mounts.emptyDir, join(workspace, 'node_modules'));
  if (mounts.socketDir) wall.push('--bind', mounts.socketDir, mounts.socketDir);
  // The module cache, writable, for a check only: exactly when the permission flags let node read it
  // (sandbox.ts); within the check only the harness process may write it (run-check.ts).
  const cache = moduleCacheDir(workspace);
  if (nodeArgs.includes(`--allow-fs-read=${cache}`)) wall.push('--bind', cache, cache);
  if (mounts.hostsFile) wall.push('--ro-bind', mounts.hostsFile, '/etc/hosts');
  // Everything not mounted above (the folders bwrap made for the mount points) is read-only.
  wall.push('--remount-ro', '/', '--chdir', workspace, '--', process.execPath, ...nodeArgs);
  if (!bwrap.prlimit) return { command: bwrap.path, args: wall };
  return {
    command: bwrap.prlimit,
    args: [
      `--fsize=${limits.fileBytes}`,
      `--nofile=${limits.openFiles}`,
      `--cpu=${limits.cpuSeconds}:${limits.cpuSeconds + 5}`,
      '--core=0',
      bwrap.path,
      ...wall,
    ],
  };
}
