/**
 * Content-layer loader for exercises: one entry per `exercises/NN-track/NN-slug/exercise.yaml`,
 * id = the exercise slug. The entry's data is the validated exercise.yaml plus where it lives; its
 * rendered body is instructions.md, and hints.md is rendered into `hintsHtml` for the workspace.
 * Markdown goes through Astro's own pipeline, so code blocks get the same Shiki themes as lessons.
 *
 * In `astro dev` it watches every exercise file an author edits (exercise.yaml, instructions.md,
 * hints.md and starter/, solution/, tests/) and reloads. The digest covers those folders too, so an
 * edited starter changes the entry and the open page (and its files.json) reload.
 */
import type { Loader, LoaderContext } from 'astro/loaders';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { findExercises } from '../../grader/src/find-exercises.ts';
import { parseNumberedName } from '../../grader/src/schemas.ts';
import { readTextFiles } from '../components/workspace/read-files.ts';

/** Files whose change reloads the collection: relative to an exercise folder. */
const WATCHED = /(^|\/)(exercise\.yaml|instructions\.md|hints\.md)$|(^|\/)(starter|solution|tests)(\/|$)/;
/** An editor saving several files at once (or a git checkout) causes one reload, not one per file. */
const RELOAD_DELAY_MS = 50;

type StoreEntry = Parameters<LoaderContext['store']['set']>[0];

export function exerciseLoader(options: { base: string }): Loader {
  return {
    name: 'backend-kitchen-exercises',
    load: async (context) => {
      const root = fileURLToPath(context.config.root);
      const base = join(root, options.base);
      await loadAll(context, root, base);
      const watcher = context.watcher;
      if (!watcher) return;
      watcher.add(base);
      // Reloads run one at a time; changes arriving during one are folded into a single next reload.
      let timer: ReturnType<typeof setTimeout> | undefined;
      let running: Promise<void> = Promise.resolve();
      const reload = () => {
        running = running.then(async () => {
          try {
            await loadAll(context, root, base);
          } catch (error) {
            // Keep the last good entries and the dev server: the author sees the message and fixes the file.
            context.logger.error((error as Error).message);
          }
        });
      };
      watcher.on('all', (_event, path) => {
        if (!path.startsWith(base + sep) || !WATCHED.test(relative(base, path))) return;
        clearTimeout(timer);
        timer = setTimeout(reload, RELOAD_DELAY_MS);
      });
    },
  };
}

/**
 * Reads every exercise, then swaps the store's entries: set (a no-op when the digest is unchanged),
 * then delete the ones that are gone. Never clear() first: a request arriving during the async reads
 * would find the collection empty ("collection exercises does not exist or is empty").
 */
async function loadAll(context: LoaderContext, root: string, base: string): Promise<void> {
  const { store, logger } = context;
  const entries = await readEntries(context, root, base);
  const ids = new Set(entries.map((entry) => entry.id));
  for (const entry of entries) store.set(entry);
  for (const id of store.keys()) if (!ids.has(id)) store.delete(id);
  logger.debug(`loaded ${entries.length} exercises`);
}

async function readEntries(context: LoaderContext, root: string, base: string): Promise<StoreEntry[]> {
  const { parseData, renderMarkdown, generateDigest, logger } = context;
  const entries: StoreEntry[] = [];
  if (!existsSync(base)) return entries;
  const seen = new Map<string, string>();
  // The grader's finder (folders with an exercise.yaml, in order); the site shows only NN-slug ones.
  for (const dir of findExercises(base)) {
    const track = parseNumberedName(basename(dirname(dir)));
    const exercise = parseNumberedName(basename(dir));
    const yamlPath = join(dir, 'exercise.yaml');
    if (!track || !exercise) continue;
    const shown = relative(root, yamlPath);
    const previous = seen.get(exercise.slug);
    if (previous) {
      throw new Error(
        `${shown}: exercise slug "${exercise.slug}" is already used by ${previous}; rename one folder.`,
      );
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
        hintsHtml: hints
          ? (await renderMarkdown(hints, { fileURL: new URL(`file://${hintsPath}`) })).html
          : '',
      },
    });
    // The page and files.json show starter/, solution/ and tests/: a change there is a new entry too.
    const files = ['starter', 'solution', 'tests'].map((folder) => readTextFiles(join(dir, folder)));
    entries.push({
      id: exercise.slug,
      data,
      filePath: shown,
      digest: generateDigest(JSON.stringify([yamlText, instructions, hints, files])),
      rendered: await renderMarkdown(instructions, { fileURL: new URL(`file://${instructionsPath}`) }),
    });
  }
  return entries;
}
