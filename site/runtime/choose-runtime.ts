/**
 * Picks where the learner's code runs: a WebContainer when the browser supports it and it boots in
 * time, else the local runner when the page was served by one, else nothing, with a sentence that
 * says why and what to do. `?runtime=local|webcontainer` forces a choice.
 *
 * Offline (the usual `npm start` case) WebContainer.boot() never settles, so while it is pending the
 * local runtime is prepared in parallel (its session created) and the learner may skip the wait: the
 * fallback is then instant. A boot that timed out, and a learner's choice to skip, are remembered, so
 * the next pages go straight to the local runner until the learner asks to try again.
 */
import type { Runtime, Session } from './runtime.ts';
import type { Support } from './webcontainer-support.ts';

export type RuntimePreference = 'local' | 'webcontainer' | 'auto';

/** Why an earlier page went to the local runner without a WebContainer. */
export type RememberedReason = 'timed-out' | 'chose-local';

export interface RuntimeMemory {
  /** What an earlier page on this origin remembered, if it has not expired. */
  read(): RememberedReason | undefined;
  write(reason: RememberedReason): void;
  clear(): void;
}

export interface ChooseRuntimeInput {
  preference: RuntimePreference;
  support: Support;
  /** The local runner's token from the page's meta, if the page has one. */
  runnerToken: string | undefined;
  /** Boots a WebContainer and wraps it in a Runtime (the boot is not yet raced against a timeout). */
  bootWebContainer: () => Promise<Runtime>;
  createLocal: (token: string) => Runtime;
  bootTimeoutMs: number;
  memory?: RuntimeMemory;
  /**
   * Creates the local runtime's session while the boot is pending, so falling back costs nothing.
   * When the WebContainer wins, the prepared runtime is disposed (its session deleted on the server).
   */
  prepareLocal?: (local: Runtime) => Promise<Session>;
  /** Called when the boot starts and a local runner could take over: `skip()` stops waiting for it. */
  onWaiting?: (skip: () => void) => void;
  onProgress?: (message: string) => void;
}

export type RuntimeChoice =
  | {
      runtime: Runtime;
      notice?: string;
      /** The session prepareLocal created during the wait; the workspace uses it instead of open(). */
      prepared?: Promise<Session>;
      /** The local runner was picked although a WebContainer might work: offer to try it again. */
      canRetryWebContainer?: boolean;
    }
  | { runtime: undefined; reason: string };

export const WAITING_MESSAGE = 'Trying the in-browser runtime (needs internet)…';

export function readRuntimePreference(search: string): RuntimePreference {
  const value = new URLSearchParams(search).get('runtime');
  return value === 'local' || value === 'webcontainer' ? value : 'auto';
}

type BootOutcome =
  | { kind: 'booted'; runtime: Runtime }
  | { kind: 'failed'; detail: string }
  | { kind: 'timeout' }
  | { kind: 'skipped' };

/** Races the boot against the timeout and, when given, the learner's "Use the local runner now". */
function raceBoot(
  boot: () => Promise<Runtime>,
  ms: number,
  onWaiting: ((skip: () => void) => void) | undefined,
): Promise<BootOutcome> {
  return new Promise<BootOutcome>((resolve) => {
    let settled = false;
    const settle = (outcome: BootOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(outcome);
    };
    const timer = setTimeout(() => settle({ kind: 'timeout' }), ms);
    let booting: Promise<Runtime>;
    try {
      booting = boot();
    } catch (error) {
      booting = Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    booting.then(
      (runtime) => settle({ kind: 'booted', runtime }),
      (error: unknown) =>
        settle({ kind: 'failed', detail: error instanceof Error ? error.message : String(error) }),
    );
    onWaiting?.(() => settle({ kind: 'skipped' }));
  });
}

const NO_RUNNER =
  'Run `npm start` in the Backend Kitchen folder and open the page it prints: that server runs your code on your machine.';

export async function chooseRuntime(input: ChooseRuntimeInput): Promise<RuntimeChoice> {
  const { preference, support, runnerToken, memory } = input;
  const seconds = Math.round(input.bootTimeoutMs / 1000);

  if (preference === 'local') {
    if (runnerToken) return { runtime: input.createLocal(runnerToken) };
    return {
      runtime: undefined,
      reason: `You asked for the local runner (?runtime=local), but this page was not served by one. ${NO_RUNNER}`,
    };
  }

  const remembered = preference === 'auto' && runnerToken && support.supported ? memory?.read() : undefined;
  let whyNotWebContainer: string;
  let prepared: Promise<Session> | undefined;
  let local: Runtime | undefined;
  if (!support.supported) {
    whyNotWebContainer = `WebContainers cannot run here: ${support.reason}.`;
  } else if (remembered === 'chose-local') {
    whyNotWebContainer = 'You chose the local runner over the in-browser runtime on an earlier page.';
  } else if (remembered === 'timed-out') {
    whyNotWebContainer = `The in-browser runtime (a WebContainer) did not start within ${seconds} s on an earlier page: it needs an internet connection to StackBlitz.`;
  } else {
    // Only the automatic choice has a fallback worth preparing; ?runtime=webcontainer never falls back.
    if (preference === 'auto' && runnerToken) {
      local = input.createLocal(runnerToken);
      prepared = input.prepareLocal?.(local);
      // The workspace reads a failure from `prepared` later; until then it must not count as unhandled.
      prepared?.catch(() => undefined);
      input.onProgress?.(`${WAITING_MESSAGE} The local runner takes over in ${seconds} s.`);
    } else {
      input.onProgress?.(`Booting a WebContainer to run your code in this browser (up to ${seconds} s)…`);
    }
    const outcome = await raceBoot(
      input.bootWebContainer,
      input.bootTimeoutMs,
      local ? input.onWaiting : undefined,
    );
    switch (outcome.kind) {
      case 'booted':
        if (memory?.read() === 'timed-out') memory.clear();
        if (local) void disposeWhenPrepared(local, prepared);
        return { runtime: outcome.runtime };
      case 'timeout':
        memory?.write('timed-out');
        whyNotWebContainer = `The in-browser runtime (a WebContainer) did not start within ${seconds} s: it needs an internet connection to StackBlitz.`;
        break;
      case 'skipped':
        memory?.write('chose-local');
        whyNotWebContainer = 'You chose not to wait for the in-browser runtime.';
        break;
      case 'failed':
        whyNotWebContainer = `The WebContainer could not start (${outcome.detail}).`;
        break;
    }
  }

  if (preference === 'webcontainer') {
    return {
      runtime: undefined,
      reason: `${whyNotWebContainer} You forced it with ?runtime=webcontainer; remove that to use another runtime.`,
    };
  }
  if (runnerToken) {
    return {
      runtime: local ?? input.createLocal(runnerToken),
      notice: `${whyNotWebContainer} Using the local runner instead.`,
      ...(prepared ? { prepared } : {}),
      canRetryWebContainer: support.supported,
    };
  }
  return {
    runtime: undefined,
    reason: `Your code cannot run on this page. ${whyNotWebContainer} ${NO_RUNNER}`,
  };
}

/** Deletes the prepared local session once its creation settled, so a late POST does not leak one. */
async function disposeWhenPrepared(local: Runtime, prepared: Promise<Session> | undefined): Promise<void> {
  await prepared?.catch(() => undefined);
  await local.dispose().catch(() => undefined);
}
