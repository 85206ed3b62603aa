/**
 * Browser glue: chooses this page's container (the local runner by the page's token, or the real
 * WebContainer; choose-runtime.ts says which wins when, `?runtime=` included) and runs the exercise
 * on it with ContainerRuntime.
 */
import {
  chooseRuntime,
  readRuntimePreference,
  type RuntimeChoice,
  type RuntimePreference,
} from './choose-runtime.ts';
import { fetchJson, loadExerciseBundle, TEMPLATE_BUNDLE_URL, type TemplateBundle } from './exercise-bundle.ts';
import { ContainerRuntime } from './container-runtime.ts';
import type { KitchenContainer } from './container.ts';
import { LocalContainer, readRunnerToken } from './local-container.ts';
import { bootRealWebContainer, type WebContainerLike } from './webcontainer-api.ts';
import { WebContainerBackend } from './webcontainer-backend.ts';
import { detectWebContainerSupport } from './webcontainer-support.ts';

export const BOOT_TIMEOUT_MS = 8000;
// One WebContainer per page: boot() may only be called once, so every caller shares this promise,
// even after a timeout (a late boot is still the page's one container).
let containerBoot: Promise<WebContainerLike> | undefined;
function bootContainerOnce(): Promise<WebContainerLike> {
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
    createLocal: (token) => exerciseRuntime(new LocalContainer({ token })),
    bootWebContainer: async () =>
      exerciseRuntime(
        new WebContainerBackend({
          container: await bootContainerOnce(),
          loadTemplate: () =>
            fetchJson<TemplateBundle>(TEMPLATE_BUNDLE_URL, 'the exercise runtime template'),
        }),
      ),
  });
}

/** The same runtime code over either container: what the e2e suite drives locally is what the hosted site runs. */
function exerciseRuntime(container: KitchenContainer): ContainerRuntime {
  return new ContainerRuntime({
    container,
    loadExercise: loadExerciseBundle,
  });
}
