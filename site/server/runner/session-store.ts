/**
 * All sessions of this runner: creation within the per-client and total limits, lookup, and ending
 * them on request, when idle, and at shutdown.
 */
import { mkdir, rm } from 'node:fs/promises';
import { CheckQueue } from './check-queue.ts';
import { WarmCheckers } from './warm-checkers.ts';
import { findRunnerExercise, prepareSessionWorkspace, type PreparedSession } from './exercise-catalog.ts';
import { checkContent, checkWritablePath } from './file-paths.ts';
import { RunnerError } from './runner-error.ts';
import type { RunnerLimits } from './runner-limits.ts';
import { newSessionId, Session, workspacePath } from './session.ts';
import type { WorkspaceRoot } from './workspace-root.ts';

export interface CreateSessionInput {
  clientKey: string;
  exercise: unknown;
  files?: unknown;
}

const SWEEP_MS = 30_000;

export class SessionStore {
  readonly checks: CheckQueue;
  readonly graders: WarmCheckers;
  private readonly sessions = new Map<string, Session>();
  private readonly root: WorkspaceRoot;
  private readonly limits: RunnerLimits;
  private readonly exercisesRoot: string;
  private readonly sweeper: NodeJS.Timeout;

  constructor(root: WorkspaceRoot, limits: RunnerLimits, exercisesRoot: string) {
    this.root = root;
    this.limits = limits;
    this.exercisesRoot = exercisesRoot;
    this.checks = new CheckQueue(limits.concurrentChecks, limits.checkQueueLength);
    this.graders = new WarmCheckers(limits.warmGraders, limits.warmGraderIdleMs);
    this.sweeper = setInterval(() => void this.sweep(), Math.min(SWEEP_MS, limits.sessionIdleMs));
    this.sweeper.unref();
  }

  get size(): number {
    return this.sessions.size;
  }

  get(id: string): Session {
    const session = this.sessions.get(id);
    if (!session)
      throw new RunnerError('SESSION_NOT_FOUND',
        'This session does not exist or has ended; reload the page to start a new one.',
      );
    session.touch();
    return session;
  }

  async create(input: CreateSessionInput): Promise<{ session: Session; prepared: PreparedSession }> {
    const exercise = findRunnerExercise(this.exercisesRoot, input.exercise);
    let files: Record<string, string> | undefined;
    if (input.files !== undefined && input.files !== null) {
      if (typeof input.files !== 'object' || Array.isArray(input.files)) {
        throw new RunnerError('INVALID_FILES',
          'files must be an object of path → content, like {"app.js": "…"}.',
        );
      }
      const entries = Object.entries(input.files as Record<string, unknown>);
      if (entries.length > this.limits.filesPerWorkspace) {
        throw new RunnerError('TOO_MANY_FILES',
          `${entries.length} files were sent; a workspace holds at most ${this.limits.filesPerWorkspace}.`,
        );
      }
      const policy = {
        editable: exercise.editable,
        allowNewFiles: exercise.allowNewFiles,
        reserved: new Set<string>(),
        fileBytes: this.limits.fileBytes,
      };
      files = {};
      for (const [path, content] of entries)
        files[checkWritablePath(path, policy)] = checkContent(path, content, this.limits.fileBytes);
    }
    await this.makeRoom(input.clientKey);
    const id = newSessionId();
    const workspace = workspacePath(this.root, id);
    await mkdir(workspace);
    try {
      const prepared = prepareSessionWorkspace(exercise, workspace, files);
      const session = new Session(id, {
        clientKey: input.clientKey,
        exercise,
        root: this.root,
        limits: this.limits,
        checks: this.checks,
        graders: this.graders,
        learnerFiles: Object.keys(prepared.files),
        reserved: prepared.reserved,
        workspace,
      });
      this.sessions.set(id, session);
      return { session, prepared };
    } catch (error) {
      await rm(workspace, { recursive: true, force: true });
      throw error;
    }
  }

  /** Keeps a client within its limit by ending its least recently used session that no tab listens to. */
  private async makeRoom(clientKey: string): Promise<void> {
    const own = [...this.sessions.values()].filter((session) => session.clientKey === clientKey);
    if (own.length >= this.limits.sessionsPerClient) {
      const idle = own
        .filter((session) => session.hub.connected === 0)
        .sort((a, b) => a.lastUsed - b.lastUsed)[0];
      if (!idle) {
        throw new RunnerError('TOO_MANY_SESSIONS',
          `You already have ${own.length} exercises open, the most one browser may run at once; close a tab with another exercise and try again.`,
        );
      }
      await this.end(idle.id);
    }
    if (this.sessions.size >= this.limits.sessionsTotal) {
      throw new RunnerError('RUNNER_FULL',
        `This machine is already running ${this.sessions.size} exercise sessions; try again in a few minutes.`,
      );
    }
  }

  async end(id: string): Promise<boolean> {
    const session = this.sessions.get(id);
    if (!session) return false;
    this.sessions.delete(id);
    await session.end();
    return true;
  }

  private async sweep(): Promise<void> {
    const now = Date.now();
    for (const session of [...this.sessions.values()]) {
      const limit =
        session.hub.connected > 0 ? this.limits.sessionIdleConnectedMs : this.limits.sessionIdleMs;
      if (now - session.lastUsed > limit) await this.end(session.id);
    }
  }

  async close(): Promise<void> {
    clearInterval(this.sweeper);
    await Promise.all([...this.sessions.keys()].map((id) => this.end(id)));
    await this.graders.close();
  }
}
