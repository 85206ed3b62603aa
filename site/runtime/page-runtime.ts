/**
 * Browser glue: chooses and creates this page's runtime with the real WebContainer, the page's runner
 * token, the URL's `?runtime=` and a short memory (localStorage) of a WebContainer boot that timed out.
 */
import { chooseRuntime, readRuntimePreference, type RuntimeChoice } from './choose-runtime.ts';
import {
  exerciseBundleUrl,
  fetchJson,
  TEMPLATE_BUNDLE_URL,
  type ExerciseBundle,
  type TemplateBundle,
} from './exercise-bundle.ts';
import { LocalRuntime, readRunnerToken } from './local-runtime.ts';
import { bootRealWebContainer, type Container } from './webcontainer-api.ts';
import { WebContainerRuntime } from './webcontainer-runtime.ts';
import { detectWebContainerSupport } from './webcontainer-support.ts';

export const BOOT_TIMEOUT_MS = 8000;
const TIMED_OUT_KEY = 'kitchen:webcontainer-timed-out-at';
const REMEMBER_TIMEOUT_MS = 30 * 60 * 1000;

// One WebContainer per page: boot() may only be called once, so every caller shares this promise,
// even after a timeout (a late boot is still the page's one container).
let containerBoot: Promise<Container> | undefined;
function bootContainerOnce(): Promise<Container> {
  containerBoot ??= bootRealWebContainer();
  return containerBoot;
}

function readTimedOut(): boolean {
  try {
    const at = Number(localStorage.getItem(TIMED_OUT_KEY));
    return Number.isFinite(at) && Date.now() - at < REMEMBER_TIMEOUT_MS;
  } catch {
    return false;
  }
}

function rememberTimedOut(): void {
  try {
    localStorage.setItem(TIMED_OUT_KEY, String(Date.now()));
  } catch {
    // Storage refused (private mode): the learner waits for the timeout again next time, no harm.
  }
}

function forgetTimedOut(): void {
  try {
    localStorage.removeItem(TIMED_OUT_KEY);
  } catch {
    // Nothing remembered, nothing to forget.
  }
}

export function choosePageRuntime(onProgress?: (message: string) => void): Promise<RuntimeChoice> {
  const preference = readRuntimePreference(location.search);
  return chooseRuntime({
    preference,
    support: detectWebContainerSupport(),
    runnerToken: readRunnerToken(),
    bootTimeoutMs: BOOT_TIMEOUT_MS,
    recentlyTimedOut: readTimedOut,
    rememberTimeout: rememberTimedOut,
    onProgress,
    createLocal: (token) => new LocalRuntime({ token }),
    bootWebContainer: async () => {
      const container = await bootContainerOnce();
      forgetTimedOut();
      return new WebContainerRuntime({
        container,
        loadTemplate: () => fetchJson<TemplateBundle>(TEMPLATE_BUNDLE_URL, 'the exercise runtime template'),
        loadExercise: (slug) =>
          fetchJson<ExerciseBundle>(exerciseBundleUrl(slug), `the files of exercise "${slug}"`),
      });
    },
  });
}
