/**
 * `npm run bench`: prints speed and size figures (never asserts them). Each section lives beside the
 * code it measures and exports `run()`; a section that is missing is reported, not skipped silently.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const sections: Array<[string, string]> = [
  ['Grader', './grader-bench.ts'],
  ['Local runner (load test)', '../../site/server/runner/runner-bench.ts'],
  ["Local runner: the sandbox's cost", '../../site/server/runner/sandbox-bench.ts'],
  ['Exercise workspace (browser)', '../../site/e2e/workspace-bench.ts'],
  ['WebContainer install: prebuilt node_modules', '../../site/integrations/template-modules-bench.ts'],
];

for (const [title, path] of sections) {
  const url = new URL(path, import.meta.url);
  console.log(`\n=== ${title} ===`);
  if (!existsSync(fileURLToPath(url))) {
    console.log(`(not available: ${path} is missing)`);
    continue;
  }
  const mod = (await import(url.href)) as { run: () => Promise<void> };
  await mod.run();
}
