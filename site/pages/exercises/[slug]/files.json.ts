/**
 * `/exercises/<slug>/files.json`: the exercise's starter, reference solution and tests, built at build
 * time for the workspace (Reset, Solution, the read-only tests view) and for the runtime (site/runtime/container-runtime.ts).
 * Owned by the workspace (site/components/workspace).
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { getCollection, type CollectionEntry } from 'astro:content';
import { dirname, resolve } from 'node:path';
import { readTextFiles } from '~/components/workspace/read-files.ts';
import type { ExerciseBundle } from '~/runtime/exercise-bundle.ts';

export const getStaticPaths = (async () => {
  const exercises = await getCollection('exercises');
  return exercises.map((exercise) => ({ params: { slug: exercise.id }, props: { exercise } }));
}) satisfies GetStaticPaths;

export const GET: APIRoute<{ exercise: CollectionEntry<'exercises'> }> = ({ props }) => {
  const { exercise } = props;
  const dir = dirname(resolve(exercise.filePath!));
  const { title, tasks, files, limits } = exercise.data;
  const bundle: ExerciseBundle = {
    slug: exercise.id,
    title,
    tasks,
    editable: files.editable,
    allowNewFiles: files.allowNewFiles,
    limits,
    starter: readTextFiles(resolve(dir, 'starter')),
    solution: readTextFiles(resolve(dir, 'solution')),
    tests: readTextFiles(resolve(dir, 'tests')),
  };
  return new Response(JSON.stringify(bundle), { headers: { 'Content-Type': 'application/json' } });
};
