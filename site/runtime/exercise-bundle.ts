/**
 * The exercise's files as the site publishes them at build time (`/exercises/<slug>/files.json`) and
 * the exercise runtime template (`/exercises/runtime-template.json`). The workspace reads the starter,
 * solution and tests from the first; a WebContainer mounts the second with them (webcontainer-backend.ts).
 */
import type { FileMap } from './runtime.ts';

export interface ExerciseBundle {
  slug: string;
  title: string;
  tasks: Array<{ id: string; title: string }>;
  editable: string[];
  allowNewFiles: boolean;
  limits: { timeoutMs: number; outputBytes: number };
  starter: FileMap;
  solution: FileMap;
  tests: FileMap;
}

export interface TemplateBundle {
  /** package.json, package-lock.json, server.js, harness.mjs, vitest.config.js, grading/… */
  files: FileMap;
}

export const exerciseBundleUrl = (slug: string): string =>
  `/exercises/${encodeURIComponent(slug)}/files.json`;
export const TEMPLATE_BUNDLE_URL = '/exercises/runtime-template.json';

export async function fetchJson<T>(url: string, what: string): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url);
  } catch (error) {
    throw new Error(`Could not download ${what} from ${url}: ${(error as Error).message}`, { cause: error });
  }
  if (!response.ok) throw new Error(`Could not download ${what}: ${url} answered ${response.status}.`);
  return (await response.json()) as T;
}

const bundles = new Map<string, Promise<ExerciseBundle>>();

/**
 * The exercise's bundle, downloaded once per page: the workspace and the runtime both ask for it as
 * the page opens. A failed download is forgotten, so the next ask tries again.
 */
export function loadExerciseBundle(slug: string): Promise<ExerciseBundle> {
  let loading = bundles.get(slug);
  if (!loading) {
    loading = fetchJson<ExerciseBundle>(exerciseBundleUrl(slug), `the files of exercise "${slug}"`);
    bundles.set(slug, loading);
    loading.catch(() => bundles.delete(slug));
  }
  return loading;
}
