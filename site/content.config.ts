/**
 * Content collections: lessons and tracks from the top-level `content/` folder, validated by the
 * shared schemas in grader/src/schemas.ts (the grader and the content linter use the same ones).
 */
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { lessonSchema, trackSchema } from '../grader/src/schemas.ts';

const lessons = defineCollection({
  // Lesson ids are "NN-track/NN-lesson"; files or folders starting with "_" are ignored.
  loader: glob({ base: './content', pattern: ['*/[0-9][0-9]-*.mdx'] }),
  schema: lessonSchema,
});

const tracks = defineCollection({
  loader: glob({ base: './content', pattern: ['*/track.yaml'] }),
  schema: trackSchema,
});

export const collections = { lessons, tracks };
