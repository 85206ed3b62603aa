/**
 * Browser glue: chooses and creates this page's runtime with the real WebContainer, the page's runner
 * token and the URL's `?runtime=` (choose-runtime.ts says which wins when).
 */
import {
  chooseRuntime,
  readRuntimePreference,
  type RuntimeChoice,
  type RuntimePreference,
} from './choose-runtime.ts';
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
// One WebContainer per page: boot() may only be called once, so every caller shares this promise,
// even after a timeout (a late boot is still the page's one container).
let containerBoot: Promise<Container> | undefined;
function bootContainerOnce(): Promise<Container> {
  containerBoot ??= bootRealWebContainer();
  return containerBoot;
}

/** The URL of this page with `?runtime=` set (or removed for the automatic choice), for a switch link. */
export function urlWithRuntime(href: string, runtime: RuntimePreference): string {
  const url = new URL(href);
  if (runtime === 'auto') url.searchParams.delete('runtime');
  else url.searchParams.set('runtime', runtime);
  return url.href;
}

export interface PageRuntimeOptions {
  onProgress?: (message: string) => void;
}

export function choosePageRuntime(options: PageRuntimeOptions = {}): Promise<RuntimeChoice> {
  return chooseRuntime({
    preference: readRuntimePreference(location.search),
    support: detectWebContainerSupport(),
    runnerToken: readRunnerToken(),
    bootTimeoutMs: BOOT_TIMEOUT_MS,
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
