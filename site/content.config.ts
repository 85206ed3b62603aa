/**
 * Content collections, validated by the shared schemas in grader/src/schemas.ts (the grader and the
 * content linter use the same ones):
 * - lessons: content/NN-track/NN-lesson.mdx (id "NN-track/NN-lesson")
 * - tracks: content/NN-track/track.yaml (id "NN-track")
 * - exercises: exercises/NN-track/NN-slug/exercise.yaml + instructions.md + hints.md (id = slug)
 */
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { z } from 'zod';
import { exerciseSchema, lessonSchema, slugSchema, trackSchema } from '../grader/src/schemas.ts';
import { exerciseLoader } from './lib/exercise-loader.ts';

const lessons = defineCollection({
  // Files or folders starting with "_" or without an NN- prefix are ignored.
  loader: glob({ base: './content', pattern: ['[0-9][0-9]-*/[0-9][0-9]-*.mdx'] }),
  schema: lessonSchema,
});

const tracks = defineCollection({
  loader: glob({
    base: './content',
    pattern: ['[0-9][0-9]-*/track.yaml'],
    generateId: ({ entry }) => entry.split('/')[0]!,
  }),
  schema: trackSchema,
});

const exercises = defineCollection({
  loader: exerciseLoader({ base: 'exercises' }),
  schema: exerciseSchema.extend({
    slug: slugSchema.describe('From the folder name NN-<slug>.'),
    order: z.number().int().describe('From the folder name NN-<slug>.'),
    track: slugSchema.describe('From the track folder name NN-<track-slug>.'),
    trackOrder: z.number().int().describe('From the track folder name.'),
    hintsHtml: z.string().describe('hints.md rendered to HTML ("" when there is none).'),
  }),
});

export const collections = { lessons, tracks, exercises };
