/**
 * The per-start folder that holds every session's workspace, and the clean-up of folders and
 * processes a previous start left behind when it was killed (SIGKILL, a crash, a power cut).
 *
 * Layout: <tmp>/backend-kitchen-<pid>-<random>/{owner.json, node_modules → repo node_modules,
 * sessions/<id>/, caches/<id>/, groups/<pgid>}. node_modules sits above the workspaces rather than
 * inside them, so learner code (which may write anywhere in its workspace) can never write through the
 * link into the repo's node_modules; caches/<id> (moduleCacheDir) is outside the workspace for the
 * same reason. Every learner process carries KITCHEN_RUNNER_ROOT=<root> in its environment and
 * records its process group in groups/, which is how a later start finds the orphans.
 */
import {
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
  realpathSync,
  unlinkSync,
} from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';

export const ROOT_PREFIX = 'backend-kitchen-';
export const ROOT_ENV = 'KITCHEN_RUNNER_ROOT';
const CACHES_DIR = 'caches';

/**
 * The session's module cache: Vitest's fsModuleCache (the transformed test files, grading helpers and
 * learner modules, which its test workers read back from disk). Without it every warm check
 * transformed them all again (the workspace's own node_modules, Vitest's default place for it, is
 * read-only in the sandbox). It is outside the workspace, so learner code cannot write it: only the
 * harness process may (run-check.ts), its test workers may read it (sandbox.ts), and bubblewrap mounts
 * it for checks only (bubblewrap.ts). For a workspace at <root>/sessions/<id>, this is <root>/caches/<id>.
 */
export function moduleCacheDir(workspace: string): string {
  return join(dirname(dirname(workspace)), CACHES_DIR, basename(workspace));
}

interface Owner {
  pid: number;
  startTicks?: string;
}

/** The start time of a process (field 22 of /proc/<pid>/stat), to tell a reused pid from the owner. */
function processStartTicks(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function ownerIsAlive(owner: Owner): boolean {
  if (!isAlive(owner.pid)) return false;
  if (owner.startTicks === undefined) return true;
  const ticks = processStartTicks(owner.pid);
  return ticks === undefined || ticks === owner.startTicks;
}

function environHas(pid: number, marker: string): boolean {
  try {
    return readFileSync(`/proc/${pid}/environ`, 'latin1').split('\0').includes(marker);
  } catch {
    return false;
  }
}

/** Kills every process that belongs to `root`: the recorded groups, then any straggler found in /proc. */
export function killRootProcesses(root: string): number {
  const marker = `${ROOT_ENV}=${root}`;
  let killed = 0;
  const groupsDir = join(root, 'groups');
  let groups: string[] = [];
  try {
    groups = readdirSync(groupsDir);
  } catch {
    groups = [];
  }
  const hasProc = (() => {
    try {
      readdirSync('/proc/self');
      return true;
    } catch {
      return false;
    }
  })();
  for (const name of groups) {
    const pgid = Number(name);
    if (!Number.isInteger(pgid) || pgid <= 1) continue;
    // Without /proc the recorded group is trusted; with it, only a group whose leader still carries
    // the marker is killed, so a reused pid is never hit.
    if (hasProc && isAlive(pgid) && !environHas(pgid, marker)) continue;
    try {
      process.kill(-pgid, 'SIGKILL');
      killed += 1;
    } catch {
      // Already gone.
    }
  }
  if (hasProc) {
    for (const entry of readdirSync('/proc')) {
      const pid = Number(entry);
      if (!Number.isInteger(pid) || pid === process.pid) continue;
      if (!environHas(pid, marker)) continue;
      try {
        process.kill(pid, 'SIGKILL');
        killed += 1;
      } catch {
        // Already gone.
      }
    }
  }
  return killed;
}

export interface StaleCleanup {
  folders: number;
  processes: number;
}

/** Removes roots whose owning process is gone, after killing their processes. */
export function cleanStaleRoots(parent: string): StaleCleanup {
  const result: StaleCleanup = { folders: 0, processes: 0 };
  let names: string[];
  try {
    names = readdirSync(parent);
  } catch {
    return result;
  }
  for (const name of names) {
    if (!name.startsWith(ROOT_PREFIX)) continue;
    const root = join(parent, name);
    let owner: Owner | undefined;
    try {
      owner = JSON.parse(readFileSync(join(root, 'owner.json'), 'utf8')) as Owner;
    } catch {
      owner = undefined;
    }
    if (owner === undefined) {
      // A root without owner.json was cut short while being created; its pid is in its name.
      const pid = Number(/^backend-kitchen-(\d+)-/.exec(name)?.[1]);
      if (Number.isInteger(pid) && isAlive(pid)) continue;
    } else if (ownerIsAlive(owner)) {
      continue;
    }
    result.processes += killRootProcesses(root);
    rmSync(root, { recursive: true, force: true });
    result.folders += 1;
  }
  return result;
}

export interface WorkspaceRoot {
  path: string;
  /** Folder that holds the session workspaces. */
  sessionsDir: string;
  /** The repo's node_modules, as a real path (the permission model checks real paths). */
  nodeModules: string;
  /** The link to it that module resolution walks up to from every workspace. */
  nodeModulesLink: string;
  /** An empty folder, mounted read-only over each sandbox's workspace/node_modules. */
  emptyDir: string;
  /** The sandbox's /etc/hosts: `localhost` only (nothing else of the machine's /etc is visible). */
  hostsFile: string;
  /** Where each session's app socket folder goes (short paths: a socket path has ~107 bytes). */
  socketsDir: string;
  recordGroup(pgid: number): void;
  forgetGroup(pgid: number): void;
  /** Kills every learner process and removes the folder; safe to call more than once. */
  destroy(): void;
}

export function createWorkspaceRoot(parent: string, repoNodeModules: string): WorkspaceRoot {
  const realParent = realpathSync(parent);
  const path = join(realParent, `${ROOT_PREFIX}${process.pid}-${randomBytes(4).toString('hex')}`);
  mkdirSync(path, { mode: 0o700 });
  const owner: Owner = { pid: process.pid, startTicks: processStartTicks(process.pid) };
  writeFileSync(join(path, 'owner.json'), JSON.stringify(owner));
  const sessionsDir = join(path, 'sessions');
  const groupsDir = join(path, 'groups');
  mkdirSync(sessionsDir);
  mkdirSync(groupsDir);
  mkdirSync(join(path, CACHES_DIR), { mode: 0o700 });
  const emptyDir = join(path, 'empty');
  const socketsDir = join(path, 's');
  mkdirSync(emptyDir, { mode: 0o555 });
  mkdirSync(socketsDir);
  // Without it, `localhost` does not resolve inside the sandbox (EAI_AGAIN): there is no DNS there,
  // and an app or a test that calls http://localhost:<port> on its own loopback must still work.
  const hostsFile = join(path, 'hosts');
  writeFileSync(hostsFile, '127.0.0.1 localhost\n::1 localhost ip6-localhost ip6-loopback\n', { mode: 0o444 });
  const nodeModules = realpathSync(repoNodeModules);
  const nodeModulesLink = join(path, 'node_modules');
  symlinkSync(nodeModules, nodeModulesLink, 'dir');
  let destroyed = false;
  return {
    path,
    sessionsDir,
    nodeModules,
    nodeModulesLink,
    emptyDir,
    hostsFile,
    socketsDir,
    recordGroup(pgid) {
      if (!destroyed) writeFileSync(join(groupsDir, String(pgid)), '');
    },
    forgetGroup(pgid) {
      try {
        unlinkSync(join(groupsDir, String(pgid)));
      } catch {
        // Already forgotten.
      }
    },
    destroy() {
      if (destroyed) return;
      destroyed = true;
      killRootProcesses(path);
      rmSync(path, { recursive: true, force: true });
    },
  };
}
