/**
 * `/exercises/runtime-template.json`: the exercise runtime template (package.json and its lockfile,
 * server.js, harness.mjs, vitest config, grading helpers) that a WebContainer mounts and installs (site/runtime/webcontainer-backend.ts).
 * Owned by the workspace (site/components/workspace).
 */
import type { APIRoute } from 'astro';
import { resolve } from 'node:path';
import { readTextFiles } from '~/components/workspace/read-files.ts';
import type { TemplateBundle } from '~/runtime/exercise-bundle.ts';

export const GET: APIRoute = () => {
  const bundle: TemplateBundle = { files: readTextFiles(resolve('exercises/_template')) };
  return new Response(JSON.stringify(bundle), { headers: { 'Content-Type': 'application/json' } });
};
