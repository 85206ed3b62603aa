/**
 * Browser glue: chooses and creates this page's runtime with the real WebContainer, the page's runner
 * token, the URL's `?runtime=` and a memory (localStorage) of why an earlier page skipped the
 * WebContainer: a boot that timed out (kept a day) or the learner's "Use the local runner now" (kept
 * for a month), so an offline learner waits for the boot timeout at most once.
 */
import {
  chooseRuntime,
  readRuntimePreference,
  type RememberedReason,
  type RuntimeChoice,
  type RuntimeMemory,
} from './choose-runtime.ts';
import {
  exerciseBundleUrl,
  fetchJson,
  TEMPLATE_BUNDLE_URL,
  type ExerciseBundle,
  type TemplateBundle,
} from './exercise-bundle.ts';
import { LocalRuntime, readRunnerToken } from './local-runtime.ts';
import type { Runtime, Session } from './runtime.ts';
import { bootRealWebContainer, type Container } from './webcontainer-api.ts';
import { WebContainerRuntime } from './webcontainer-runtime.ts';
import { detectWebContainerSupport } from './webcontainer-support.ts';

export const BOOT_TIMEOUT_MS = 8000;
const MEMORY_KEY = 'kitchen:runtime-memory';
/** The key an earlier version used for a timed-out boot; cleared so it cannot linger. */
const OLD_TIMED_OUT_KEY = 'kitchen:webcontainer-timed-out-at';
const HOUR_MS = 60 * 60 * 1000;
/** How long each memory holds: a timeout may be a passing outage; a choice is the learner's wish. */
export const REMEMBER_MS: Record<RememberedReason, number> = {
  'timed-out': 24 * HOUR_MS,
  'chose-local': 30 * 24 * HOUR_MS,
};

// One WebContainer per page: boot() may only be called once, so every caller shares this promise,
// even after a timeout (a late boot is still the page's one container).
let containerBoot: Promise<Container> | undefined;
function bootContainerOnce(): Promise<Container> {
  containerBoot ??= bootRealWebContainer();
  return containerBoot;
}

/** localStorage-backed memory; storage refused (private mode) means the learner may wait again. */
export function createRuntimeMemory(
  storage: Storage | undefined = globalThis.localStorage,
  now = Date.now,
): RuntimeMemory {
  return {
    read() {
      try {
        const value = JSON.parse(storage?.getItem(MEMORY_KEY) ?? 'null') as {
          reason?: unknown;
          at?: unknown;
        } | null;
        const reason = value?.reason;
        if ((reason !== 'timed-out' && reason !== 'chose-local') || typeof value?.at !== 'number')
          return undefined;
        return now() - value.at < REMEMBER_MS[reason] ? reason : undefined;
      } catch {
        return undefined;
      }
    },
    write(reason) {
      try {
        storage?.setItem(MEMORY_KEY, JSON.stringify({ reason, at: now() }));
      } catch {
        // Storage refused: nothing is remembered, the next page tries the WebContainer again.
      }
    },
    clear() {
      try {
        storage?.removeItem(MEMORY_KEY);
        storage?.removeItem(OLD_TIMED_OUT_KEY);
      } catch {
        // Nothing remembered, nothing to forget.
      }
    },
  };
}

/** "Try the in-browser runtime again": forgets the timeout or the choice; the caller reloads the page. */
export function forgetRuntimeChoice(): void {
  createRuntimeMemory().clear();
}

export interface PageRuntimeOptions {
  onProgress?: (message: string) => void;
  /** The boot is pending and the local runner could take over: show "Use the local runner now". */
  onWaiting?: (skip: () => void) => void;
  /** Opens the prepared local runtime's session for this page's exercise while the boot is pending. */
  prepareLocal?: (local: Runtime) => Promise<Session>;
}

export function choosePageRuntime(options: PageRuntimeOptions = {}): Promise<RuntimeChoice> {
  return chooseRuntime({
    preference: readRuntimePreference(location.search),
    support: detectWebContainerSupport(),
    runnerToken: readRunnerToken(),
    bootTimeoutMs: BOOT_TIMEOUT_MS,
    memory: createRuntimeMemory(),
    ...options,
    createLocal: (token) => new LocalRuntime({ token }),
    bootWebContainer: async () => {
      const container = await bootContainerOnce();
      return new WebContainerRuntime({
        container,
        loadTemplate: () => fetchJson<TemplateBundle>(TEMPLATE_BUNDLE_URL, 'the exercise runtime template'),
        loadExercise: (slug) =>
          fetchJson<ExerciseBundle>(exerciseBundleUrl(slug), `the files of exercise "${slug}"`),
      });
    },
  });
}
