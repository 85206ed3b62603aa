/**
 * Picks where the learner's code runs, at once when the page says so:
 * - a page served by `npm start` carries the local runner's token: the local runner, immediately
 *   (no WebContainer boot to wait for; offline it would never settle);
 * - a page from a static host has no token: a WebContainer, when the browser supports one and it boots
 *   in time, else a sentence that says why and what to do;
 * - `?runtime=local|webcontainer` forces one (a WebContainer forced on an `npm start` page is how to
 *   try the hosted path locally); a forced choice never falls back to the other.
 */
import type { Runtime } from './runtime.ts';
import type { Support } from './webcontainer-support.ts';

export type RuntimePreference = 'local' | 'webcontainer' | 'auto';

export interface ChooseRuntimeInput {
  preference: RuntimePreference;
  support: Support;
  /** The local runner's token from the page's meta, if the page has one. */
  runnerToken: string | undefined;
  /** Boots a WebContainer and wraps it in a Runtime (the boot is not yet raced against a timeout). */
  bootWebContainer: () => Promise<Runtime>;
  createLocal: (token: string) => Runtime;
  bootTimeoutMs: number;
  onProgress?: (message: string) => void;
}

export type RuntimeChoice =
  | {
      runtime: Runtime;
      notice?: string;
      /** The local runner was picked on a page where a WebContainer could also run: offer to try it. */
      canTryWebContainer?: boolean;
    }
  | {
      runtime: undefined;
      reason: string;
      /** The page has a local runner the learner can switch to (a forced WebContainer did not start). */
      canUseLocal?: boolean;
    };

export function readRuntimePreference(search: string): RuntimePreference {
  const value = new URLSearchParams(search).get('runtime');
  return value === 'local' || value === 'webcontainer' ? value : 'auto';
}

type BootOutcome =
  { kind: 'booted'; runtime: Runtime } | { kind: 'failed'; detail: string } | { kind: 'timeout' };

/** Races the boot against the timeout. */
function raceBoot(boot: () => Promise<Runtime>, ms: number): Promise<BootOutcome> {
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
  });
}

const NO_RUNNER =
  'Run `npm start` in the Backend Kitchen folder and open the page it prints: that server runs your code on your machine.';

/** Said once (dismissible) on an `npm start` page, so the badge "Local runner" is not a mystery. */
export const LOCAL_NOTICE =
  'Your code runs on this computer, in the local runner that npm start started. On the hosted site it runs in your browser instead.';

export async function chooseRuntime(input: ChooseRuntimeInput): Promise<RuntimeChoice> {
  const { preference, support, runnerToken } = input;

  if (preference === 'local') {
    if (runnerToken) return { runtime: input.createLocal(runnerToken) };
    return {
      runtime: undefined,
      reason: `You asked for the local runner (?runtime=local), but this page was not served by one. ${NO_RUNNER}`,
    };
  }
  if (preference === 'auto' && runnerToken) {
    return {
      runtime: input.createLocal(runnerToken),
      notice: LOCAL_NOTICE,
      canTryWebContainer: support.supported,
    };
  }

  let why: string;
  if (!support.supported) {
    why = `WebContainers cannot run here: ${support.reason}.`;
  } else {
    const seconds = Math.round(input.bootTimeoutMs / 1000);
    input.onProgress?.(`Booting a WebContainer to run your code in this browser (up to ${seconds} s)…`);
    const outcome = await raceBoot(input.bootWebContainer, input.bootTimeoutMs);
    if (outcome.kind === 'booted') return { runtime: outcome.runtime };
    why =
      outcome.kind === 'timeout'
        ? `The in-browser runtime (a WebContainer) did not start within ${seconds} s: it needs an internet connection to StackBlitz.`
        : `The WebContainer could not start (${outcome.detail}).`;
  }
  if (runnerToken) {
    return {
      runtime: undefined,
      reason: `${why} You asked for it with ?runtime=webcontainer: use the local runner instead.`,
      canUseLocal: true,
    };
  }
  return { runtime: undefined, reason: `Your code cannot run on this page. ${why} ${NO_RUNNER}` };
}
