/**
 * Picks where the learner's code runs: a WebContainer when the browser supports it and it boots in
 * time, else the local runner when the page was served by one, else nothing, with a sentence that
 * says why and what to do. `?runtime=local|webcontainer` forces a choice. A WebContainer that timed out
 * is remembered for a while, so a learner offline does not wait for the timeout on every page.
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
  /** Whether a recent boot attempt on this origin timed out (skip straight to local). */
  recentlyTimedOut?: () => boolean;
  rememberTimeout?: () => void;
  onProgress?: (message: string) => void;
}

export type RuntimeChoice = { runtime: Runtime; notice?: string } | { runtime: undefined; reason: string };

export function readRuntimePreference(search: string): RuntimePreference {
  const value = new URLSearchParams(search).get('runtime');
  return value === 'local' || value === 'webcontainer' ? value : 'auto';
}

/** Resolves with the boot's value, or rejects with a BOOT_TIMEOUT message after `ms`. */
export function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(message)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

const BOOT_TIMED_OUT = 'boot timed out';

const NO_RUNNER =
  'Run `npm start` in the Backend Kitchen folder and open the page it prints: that server runs your code on your machine.';

export async function chooseRuntime(input: ChooseRuntimeInput): Promise<RuntimeChoice> {
  const { preference, support, runnerToken } = input;
  const seconds = Math.round(input.bootTimeoutMs / 1000);

  if (preference === 'local') {
    if (runnerToken) return { runtime: input.createLocal(runnerToken) };
    return {
      runtime: undefined,
      reason: `You asked for the local runner (?runtime=local), but this page was not served by one. ${NO_RUNNER}`,
    };
  }

  let whyNotWebContainer: string;
  if (!support.supported) {
    whyNotWebContainer = `WebContainers cannot run here: ${support.reason}.`;
  } else if (preference === 'auto' && runnerToken && input.recentlyTimedOut?.()) {
    whyNotWebContainer = `A WebContainer did not start within ${seconds} s a moment ago (no internet connection?); add ?runtime=webcontainer to the address to try again.`;
  } else {
    input.onProgress?.(`Booting a WebContainer to run your code in this browser (up to ${seconds} s)…`);
    try {
      const runtime = await withTimeout(input.bootWebContainer(), input.bootTimeoutMs, BOOT_TIMED_OUT);
      return { runtime };
    } catch (error) {
      const detail = (error as Error).message;
      if (detail === BOOT_TIMED_OUT) {
        input.rememberTimeout?.();
        whyNotWebContainer = `The WebContainer did not start within ${seconds} s: it needs an internet connection to StackBlitz.`;
      } else {
        whyNotWebContainer = `The WebContainer could not start (${detail}).`;
      }
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
      runtime: input.createLocal(runnerToken),
      notice: `${whyNotWebContainer} Using the local runner instead.`,
    };
  }
  return {
    runtime: undefined,
    reason: `Your code cannot run on this page. ${whyNotWebContainer} ${NO_RUNNER}`,
  };
}
