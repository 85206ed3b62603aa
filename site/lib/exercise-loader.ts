/**
 * Content-layer loader for exercises: one entry per `exercises/NN-track/NN-slug/exercise.yaml`,
 * id = the exercise slug. The entry's data is the validated exercise.yaml plus where it lives; its
 * rendered body is instructions.md, and hints.md is rendered into `hintsHtml` for the workspace.
 * Markdown goes through Astro's own pipeline, so code blocks get the same Shiki themes as lessons.
 */
import type { Loader, LoaderContext } from 'astro/loaders';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { parseNumberedName } from '../../grader/src/schemas.ts';

export function exerciseLoader(options: { base: string }): Loader {
  return {
    name: 'backend-kitchen-exercises',
    load: async (context) => {
      const root = fileURLToPath(context.config.root);
      const base = join(root, options.base);
      await loadAll(context, root, base);
      context.watcher?.add(base);
      context.watcher?.on('all', (_event, path) => {
        if (path.startsWith(base) && /(exercise\.yaml|instructions\.md|hints\.md)$/.test(path)) {
          void loadAll(context, root, base);
        }
      });
    },
  };
}

async function loadAll(context: LoaderContext, root: string, base: string): Promise<void> {
  const { store, parseData, renderMarkdown, generateDigest, logger } = context;
  store.clear();
  if (!existsSync(base)) return;
  const seen = new Map<string, string>();
  for (const trackName of (await readdir(base)).sort()) {
    const track = parseNumberedName(trackName);
    if (!track) continue; // _template and other helpers
    const trackDir = join(base, trackName);
    for (const exerciseName of (await readdir(trackDir)).sort()) {
      const exercise = parseNumberedName(exerciseName);
      const dir = join(trackDir, exerciseName);
      const yamlPath = join(dir, 'exercise.yaml');
      if (!exercise || !existsSync(yamlPath)) continue;
      const shown = relative(root, yamlPath);
      const previous = seen.get(exercise.slug);
      if (previous) {
        throw new Error(`${shown}: exercise slug "${exercise.slug}" is already used by ${previous}; rename one folder.`);
      }
      seen.set(exercise.slug, shown);

      const yamlText = await readFile(yamlPath, 'utf8');
      let raw: unknown;
      try {
        raw = parseYaml(yamlText);
      } catch (error) {
        throw new Error(`${shown} is not valid YAML: ${(error as Error).message}`);
      }
      if (!raw || typeof raw !== 'object') throw new Error(`${shown}: expected a YAML mapping of fields.`);

      const instructionsPath = join(dir, 'instructions.md');
      if (!existsSync(instructionsPath)) {
        // An exercise being written has no instructions yet: skip it rather than break every build.
        // `npm run verify` fails on it, so it cannot ship this way.
        logger.warn(`${relative(root, dir)}: instructions.md is missing, so the exercise is skipped.`);
        continue;
      }
      const instructions = await readFile(instructionsPath, 'utf8');
      const hintsPath = join(dir, 'hints.md');
      const hints = existsSync(hintsPath) ? await readFile(hintsPath, 'utf8') : '';

      const data = await parseData({
        id: exercise.slug,
        filePath: shown,
        data: {
          ...(raw as Record<string, unknown>),
          slug: exercise.slug,
          order: exercise.order,
          track: track.slug,
          trackOrder: track.order,
          hintsHtml: hints ? (await renderMarkdown(hints, { fileURL: new URL(`file://${hintsPath}`) })).html : '',
        },
      });
      store.set({
        id: exercise.slug,
        data,
        filePath: shown,
        digest: generateDigest(yamlText + instructions + hints),
        rendered: await renderMarkdown(instructions, { fileURL: new URL(`file://${instructionsPath}`) }),
      });
    }
  }
  logger.debug(`loaded ${seen.size} exercises`);
}
