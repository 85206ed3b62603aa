/**
 * The processes below one pid, from /proc. A sandboxed learner process (bubblewrap) starts its own
 * session and PID namespace, so killing the process group of what we spawned does not reach inside:
 * the tree does. Empty where /proc does not exist (macOS, Windows): there the group kill suffices.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** The pids of `root` and all its descendants, from /proc/<pid>/stat's parent field. */
export function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return [root];
  }
  for (const entry of entries) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const list = children.get(parent);
      if (list) list.push(pid);
      else children.set(parent, [pid]);
    } catch {
      // Gone while we looked.
    }
  }
  const tree = [root];
  for (let i = 0; i < tree.length; i++) tree.push(...(children.get(tree[i]!) ?? []));
  return tree;
}

/** Alive and not a zombie. */
function isLive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return false;
  }
}

/** Resolves once none of these processes is alive (or after `timeoutMs`). */
export async function waitGone(pids: number[], timeoutMs = 2000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (pids.some(isLive) && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 20));
}

/** SIGKILLs the process group of `pid` and every process below `pid`, leaves first; returns them. */
export function killTree(pid: number): number[] {
  const tree = processTree(pid);
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // The group is already gone.
  }
  for (const member of [...tree].reverse()) {
    try {
      process.kill(member, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
  return tree;
}
