/**
 * Reads and writes learner files inside a workspace without ever following a symbolic link: every
 * folder on the way is checked with lstat and files are opened with O_NOFOLLOW, so a link planted in
 * the workspace cannot redirect a write outside it.
 */
import { constants } from 'node:fs';
import { lstat, mkdir, open, readdir, rename, rmdir, unlink } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { RunnerError } from './runner-error.ts';

async function lstatOrUndefined(path: string) {
  try {
    return await lstat(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Makes sure every folder of `relative` (but not the file) is a real folder; creates missing ones. */
async function ensureRealFolders(workspace: string, relative: string, create: boolean): Promise<void> {
  const parts = relative.split('/').slice(0, -1);
  let current = workspace;
  for (const part of parts) {
    current = join(current, part);
    const stat = await lstatOrUndefined(current);
    if (!stat) {
      if (!create) return;
      await mkdir(current);
      continue;
    }
    if (stat.isSymbolicLink() || !stat.isDirectory()) {
      throw new RunnerError('SYMLINK_REFUSED',
        `"${relative}" goes through "${posix.join(...parts)}", which is not a plain folder; the runner refuses to follow it.`,
      );
    }
  }
}

async function refuseLinkAt(workspace: string, relative: string): Promise<boolean> {
  const stat = await lstatOrUndefined(join(workspace, relative));
  if (stat && (stat.isSymbolicLink() || !stat.isFile())) {
    throw new RunnerError('SYMLINK_REFUSED',
      `"${relative}" is not a plain file in the workspace; the runner refuses to use it.`,
    );
  }
  return stat !== undefined;
}

export async function writeWorkspaceFile(
  workspace: string,
  relative: string,
  content: string,
): Promise<void> {
  await ensureRealFolders(workspace, relative, true);
  await refuseLinkAt(workspace, relative);
  const handle = await open(
    join(workspace, relative),
    constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | constants.O_NOFOLLOW,
    0o644,
  );
  try {
    await handle.writeFile(content, 'utf8');
  } finally {
    await handle.close();
  }
}

export async function readWorkspaceFile(workspace: string, relative: string): Promise<string | undefined> {
  await ensureRealFolders(workspace, relative, false);
  if (!(await refuseLinkAt(workspace, relative))) return undefined;
  const handle = await open(join(workspace, relative), constants.O_RDONLY | constants.O_NOFOLLOW);
  try {
    return await handle.readFile('utf8');
  } finally {
    await handle.close();
  }
}

export async function deleteWorkspaceFile(workspace: string, relative: string): Promise<boolean> {
  await ensureRealFolders(workspace, relative, false);
  if (!(await refuseLinkAt(workspace, relative))) return false;
  await unlink(join(workspace, relative));
  await removeEmptyFolders(workspace, relative);
  return true;
}

export async function renameWorkspaceFile(workspace: string, from: string, to: string): Promise<void> {
  await ensureRealFolders(workspace, from, false);
  if (!(await refuseLinkAt(workspace, from))) {
    throw new RunnerError('FILE_NOT_FOUND', `"${from}" does not exist, so it cannot be renamed.`);
  }
  await ensureRealFolders(workspace, to, true);
  if (await refuseLinkAt(workspace, to)) {
    throw new RunnerError('FILE_EXISTS',
      `"${to}" already exists; delete it first or pick another name.`,
    );
  }
  await rename(join(workspace, from), join(workspace, to));
  await removeEmptyFolders(workspace, from);
}

/** Removes folders a delete or rename left empty, up to the workspace itself. */
async function removeEmptyFolders(workspace: string, relative: string): Promise<void> {
  let dir = posix.dirname(relative);
  while (dir !== '.') {
    const path = join(workspace, dir);
    const entries = await readdir(path).catch(() => ['?']);
    if (entries.length > 0) return;
    await rmdir(path).catch(() => undefined);
    dir = posix.dirname(dir);
  }
}
