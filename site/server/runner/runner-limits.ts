/**
 * Every limit the local runner enforces, in one place. The defaults suit one learner or a small
 * classroom on a 2-core machine; tests and the load test pass smaller or larger values.
 */
export interface RunnerLimits {
  /** Sessions one client (remote address) may hold; beyond it the least recently used idle one ends. */
  sessionsPerClient: number;
  /** Sessions on the whole machine. */
  sessionsTotal: number;
  /** Checks that run at the same time; the rest wait in a queue. */
  concurrentChecks: number;
  /**
   * Sessions whose grader stays warm between checks (Vitest kept up: ~0.2 s instead of ~1 s a check);
   * the least recently used beyond this are closed, so idle sessions don't each hold a Vitest process.
   */
  warmGraders: number;
  /** A warm grader unused for this long is closed (its session's next check starts cold). */
  warmGraderIdleMs: number;
  /** Checks that may wait in the queue before new ones are refused. */
  checkQueueLength: number;
  /** A session with no API call for this long ends (its event socket, if open, keeps it longer). */
  sessionIdleMs: number;
  /** A session whose event socket is open ends after this long without an API call. */
  sessionIdleConnectedMs: number;
  /** A running app with no API call for this long is stopped. */
  runIdleMs: number;
  /** A running app whose last page went away is stopped after this long, unless a page comes back. */
  runAbandonedMs: number;
  /**
   * A request whose app keeps the processor busy (an endless loop: its event loop is blocked) for this
   * long without answering is ended, and the app restarted.
   */
  blockedMs: number;
  /** A running app is stopped after this long whatever happens. */
  runMaxMs: number;
  /** How long an app may take to open its port before it is reported as never listening. */
  listenTimeoutMs: number;
  /** Bytes of output a running app may print before it is stopped with "output-limit". */
  runOutputBytes: number;
  /** V8 old-space cap for learner processes, in MB. */
  memoryMb: number;
  /** V8 old-space cap for the check harness (Vitest plus the app), in MB. */
  checkMemoryMb: number;
  /** Resident memory of a running app and everything it started, in MB (Buffers and WASM count too). */
  residentMb: number;
  /** Resident memory of a check (Vitest, Vite, a test worker and the app), in MB. */
  checkResidentMb: number;
  /** Bytes a workspace may hold on disk (its SQLite files included), in MB. */
  diskMb: number;
  /** Largest file learner code may write, in MB (the kernel refuses more). */
  writeFileMb: number;
  /** Files and folders a workspace may hold. */
  workspaceEntries: number;
  /** Open files and sockets per learner process. */
  openFiles: number;
  /** CPU seconds a running app may use (a busy loop is stopped). */
  runCpuSeconds: number;
  /** CPU seconds a warm grader process may use over its life (it then restarts cold). */
  checkCpuSeconds: number;
  /** Connections the site server holds at once (page loads, API calls, event sockets). */
  serverConnections: number;
  /** Size cap of one learner file, in bytes. */
  fileBytes: number;
  /** Learner files one workspace may hold. */
  filesPerWorkspace: number;
  /** Cap on the body returned by the request panel's backend, in bytes. */
  responseBytes: number;
  /** How long the request panel waits for the app to answer. */
  requestTimeoutMs: number;
}

export const DEFAULT_LIMITS: RunnerLimits = {
  sessionsPerClient: 5,
  sessionsTotal: 60,
  concurrentChecks: 2,
  warmGraders: 4,
  warmGraderIdleMs: 10 * 60_000,
  checkQueueLength: 100,
  sessionIdleMs: 15 * 60_000,
  sessionIdleConnectedMs: 3 * 60 * 60_000,
  runIdleMs: 10 * 60_000,
  runAbandonedMs: 20_000,
  blockedMs: 3_000,
  runMaxMs: 60 * 60_000,
  listenTimeoutMs: 10_000,
  runOutputBytes: 1024 * 1024,
  memoryMb: 256,
  checkMemoryMb: 512,
  residentMb: 512,
  checkResidentMb: 1536,
  diskMb: 100,
  writeFileMb: 50,
  workspaceEntries: 5000,
  openFiles: 1024,
  runCpuSeconds: 300,
  checkCpuSeconds: 1200,
  serverConnections: 2000,
  fileBytes: 256 * 1024,
  filesPerWorkspace: 40,
  responseBytes: 1024 * 1024,
  requestTimeoutMs: 30_000,
};

export function resolveLimits(overrides: Partial<RunnerLimits> = {}): RunnerLimits {
  return { ...DEFAULT_LIMITS, ...overrides };
}
