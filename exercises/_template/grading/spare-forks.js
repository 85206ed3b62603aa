// A Vitest pool for warm checks (harness.mjs --serve): Vitest's own "forks" pool, except that the
// next worker process is started in the background while the current one runs (there is always one
// spare), so a check finds a worker that has already booted Node, loaded Vitest's worker runtime and
// imported the heavy packages every test needs (express, supertest: ~0.3 s on a loaded 2-core
// machine). Booting it during the current test file rather than after it measured faster for checks
// that follow each other quickly, and no slower otherwise.
//
// Isolation is unchanged: every test file still gets a process of its own that no earlier check has
// touched (the spare runs only this file's trusted preload before it is handed over), so nothing a
// learner's code leaves behind — module-level state, timers, listeners, open sockets — can reach the
// next check. Only the learner-free part of a worker's start is done ahead of time.
//
// Runs in the harness process (Node 22+ in a WebContainer, 24 locally); plain JS, child_process only.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ForksPoolWorker } from 'vitest/node';

const PRELOAD = fileURLToPath(new URL('./preload.js', import.meta.url));

/**
 * @returns {{ pool: import('vitest/node').PoolRunnerInitializer, setEnabled(value: boolean): void, close(): void }}
 */
export function createSpareForksPool() {
  /** @type {{ key: string, child: import('node:child_process').ChildProcess } | undefined} */
  let spare;
  /** What the last worker was started with: the next spare is started the same way. */
  /** @type {{ entrypoint: string, env: Record<string, string | undefined>, execArgv: string[] } | undefined} */
  let recipe;
  let closed = false;
  let enabled = true;

  const keyOf = (entrypoint, env, execArgv) => JSON.stringify([entrypoint, execArgv, env]);

  const killSpare = () => {
    const current = spare;
    spare = undefined;
    if (current && current.child.exitCode === null) current.child.kill('SIGKILL');
  };

  const startSpare = () => {
    if (closed || !enabled || spare || !recipe) return;
    const { entrypoint, env, execArgv } = recipe;
    const child = fork(entrypoint, [], {
      env,
      execArgv: [...execArgv, '--import', PRELOAD],
      stdio: 'pipe',
      serialization: 'advanced',
    });
    // A spare that dies (killed by the caller's limits, say) is simply not used.
    child.once('exit', () => {
      if (spare?.child === child) spare = undefined;
    });
    child.on('error', () => undefined);
    spare = { key: keyOf(entrypoint, env, execArgv), child };
  };

  /** Hands over the spare if it was started for exactly this worker, else undefined. */
  const takeSpare = (key) => {
    const current = spare;
    spare = undefined;
    if (!current) return undefined;
    if (current.key === key && current.child.exitCode === null && current.child.signalCode === null && current.child.connected) {
      return current.child;
    }
    current.child.kill('SIGKILL');
    return undefined;
  };

  class SpareForksPoolWorker extends ForksPoolWorker {
    async start() {
      const key = keyOf(this.entrypoint, this.env, this.execArgv);
      recipe = { entrypoint: this.entrypoint, env: this.env, execArgv: this.execArgv };
      const child = takeSpare(key);
      // ForksPoolWorker.start() forks only when it has no process yet (`this._fork ||= fork(…)`).
      if (child) /** @type {any} */ (this)._fork = child;
      await super.start();
      startSpare();
    }

    async stop() {
      // Normally a no-op (the spare was started above), unless a worker ended before it started.
      startSpare();
      await super.stop();
    }
  }

  // A class instance, not a plain object: Vitest deep-merges plain objects into the config file's
  // `pool: 'forks'` string, which would silently win.
  class SpareForksPool {
    name = 'kitchen-forks';
    createPoolWorker(options) {
      return new SpareForksPoolWorker(options);
    }
  }

  return {
    pool: new SpareForksPool(),
    /** Whether to boot spares from now on (a spare already booted stays and is used). */
    setEnabled(value) {
      enabled = value;
    },
    close() {
      closed = true;
      killSpare();
    },
  };
}
