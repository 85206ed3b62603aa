/**
 * The one schema module for content metadata. The site's content collections and the grader both
 * import it, so a lesson, a track or an exercise is valid in exactly one way everywhere.
 * It imports nothing but zod, so it is safe to load in the browser, the build and the CLI.
 */
import { z } from 'zod';

/** A URL-safe name: lowercase letters, digits and single hyphens, e.g. `first-server`. */
export const slugSchema = z
  .string()
  .regex(
    /^[a-z0-9]+(?:-[a-z0-9]+)*$/,
    'use lowercase letters, digits and single hyphens, like "first-server"',
  )
  .describe('A URL-safe name: lowercase letters, digits and single hyphens.');

/** Frontmatter of a lesson: `content/NN-track/NN-lesson.mdx`. */
export const lessonSchema = z
  .object({
    title: z
      .string({ error: 'expected the lesson title as text' })
      .min(3, 'expected a title of 3–80 characters')
      .max(80, 'expected a title of 3–80 characters')
      .describe('The lesson title as shown in headings and links.'),
    summary: z
      .string({ error: 'expected one sentence of text' })
      .min(10, 'expected one sentence of 10–200 characters')
      .max(200, 'expected one sentence of 10–200 characters')
      .describe('One sentence that says what the lesson teaches; shown on the track page.'),
    objectives: z
      .array(z.string().min(5, 'expected each objective to be a sentence'), {
        error: 'expected a YAML list of sentences ("- Tell the client from the server")',
      })
      .min(1, 'expected 1–6 things the learner will be able to do')
      .max(6, 'expected 1–6 things the learner will be able to do')
      .describe(
        'What the learner will be able to do after the lesson, each finishing "You will be able to…".',
      ),
    prerequisites: z
      .array(z.string().min(2))
      .default([])
      .describe('What the learner needs first: lesson slugs of earlier lessons or plain sentences.'),
    estimatedMinutes: z
      .number({ error: 'expected a whole number of minutes without quotes, like 15' })
      .int('expected a whole number of minutes, like 15')
      .min(1, 'expected 1–240 minutes')
      .max(240, 'expected 1–240 minutes')
      .describe('Reading time plus exercise time, in minutes.'),
    exercise: slugSchema
      .optional()
      .describe('Slug of the exercise that ends this lesson, e.g. "first-server".'),
    draft: z.boolean().default(false).describe('Drafts are built in development only.'),
  })
  .strict();
export type LessonFrontmatter = z.infer<typeof lessonSchema>;

/** A track's metadata: `content/NN-track/track.yaml`. */
export const trackSchema = z
  .object({
    title: z.string().min(3).max(80).describe('The track title, e.g. "How the back end works".'),
    summary: z.string().min(10).max(300).describe('One or two sentences shown on the home page.'),
  })
  .strict();
export type Track = z.infer<typeof trackSchema>;

/** One task of an exercise; its id matches a `## N. …` heading and a `describe('N. …')` block. */
export const taskSchema = z
  .object({
    id: z
      .string()
      .regex(/^[1-9][0-9]?$/, 'task ids are "1", "2", … in order')
      .describe('The task number as a string, matching "## 1. …" and describe("1. …").'),
    title: z.string().min(3).max(100).describe('A short imperative title, e.g. "Answer GET /health".'),
  })
  .strict();
export type Task = z.infer<typeof taskSchema>;

/** The kinds of change StrykerJS 10 makes, as `npm run mutate` names them in its report. */
export const MUTATOR_NAMES = [
  'ArithmeticOperator',
  'ArrayDeclaration',
  'ArrowFunction',
  'AssignmentOperator',
  'BlockStatement',
  'BooleanLiteral',
  'CallExpression',
  'ConditionalExpression',
  'EqualityOperator',
  'LogicalOperator',
  'MethodExpression',
  'ObjectLiteral',
  'OptionalChaining',
  'Regex',
  'StringLiteral',
  'UnaryOperator',
  'UpdateOperator',
] as const;

/**
 * A mutant of the solution that no test kills, on purpose: one whose change no correct test could
 * notice (equivalent code) or should notice (the wording of a log line). It covers every mutant of
 * that kind on that line, or on those lines.
 */
export const acceptedSurvivorSchema = z
  .object({
    file: z
      .string()
      .regex(/^[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)*$/, 'a relative path like "app.js"')
      .describe('The editable file the mutant is in, as the report names it, e.g. "app.js".'),
    line: z
      .union([z.number().int().min(1), z.string().regex(/^[1-9][0-9]*-[1-9][0-9]*$/)], {
        error: 'expected the line number the report names, like 14, or a range of lines, like "7-14"',
      })
      .describe(
        'The line of the solution the report names ("app.js:14 — …" is line 14), or a range "7-14" for a table of data.',
      ),
    mutator: z
      .enum(MUTATOR_NAMES, { error: `expected one of ${MUTATOR_NAMES.join(', ')}` })
      .describe('The kind of change, as the report names it in brackets, e.g. "StringLiteral".'),
    reason: z
      .string({ error: 'expected a sentence saying why no test should notice this change' })
      .min(5, 'expected a sentence saying why no test should notice this change')
      .max(200, 'expected a sentence of at most 200 characters')
      .describe('Why no correct test should notice this change, e.g. "the wording of a log line".'),
  })
  .strict();
export type AcceptedSurvivor = z.infer<typeof acceptedSurvivorSchema>;

/** What `npm run mutate` should know about an exercise. */
export const mutationSchema = z
  .object({
    acceptedSurvivors: z
      .array(acceptedSurvivorSchema)
      .default([])
      .describe('Surviving mutants that do not fail `npm run mutate`, each with its reason.'),
  })
  .strict();
export type MutationSettings = z.infer<typeof mutationSchema>;

/** `exercises/NN-track/NN-slug/exercise.yaml`. */
export const exerciseSchema = z
  .object({
    title: z.string().min(3).max(80).describe('The exercise title.'),
    lesson: slugSchema.describe('Slug of the lesson this exercise belongs to, e.g. "your-first-server".'),
    difficulty: z.enum(['beginner', 'intermediate', 'advanced']).describe('How hard it is for the track.'),
    estimatedMinutes: z.number().int().min(1).max(240).describe('Typical time to solve, in minutes.'),
    tasks: z.array(taskSchema).min(1).describe('The tasks in order; each has instructions, hints and tests.'),
    files: z
      .object({
        editable: z
          .array(z.string().regex(/^[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)*$/, 'a relative path like "app.js"'))
          .min(1)
          .default(['app.js'])
          .describe('Files the learner edits; each must exist in starter/ and solution/.'),
        allowNewFiles: z
          .boolean()
          .default(false)
          .describe('Whether the learner may create files beside them.'),
      })
      .strict()
      .default({ editable: ['app.js'], allowNewFiles: false }),
    limits: z
      .object({
        timeoutMs: z
          .number()
          .int()
          .min(1000)
          .max(120000)
          .default(10000)
          .describe('Wall-clock limit of one check.'),
        outputBytes: z
          .number()
          .int()
          .min(1024)
          .max(10_000_000)
          .default(64 * 1024)
          .describe("Cap on the learner app's console output kept per check."),
      })
      .strict()
      .default({ timeoutMs: 10000, outputBytes: 64 * 1024 }),
    mutation: mutationSchema
      .optional()
      .describe('Settings for `npm run mutate`, which checks that the tests notice changes to the solution.'),
  })
  .strict();
export type ExerciseMeta = z.infer<typeof exerciseSchema>;

/** Splits `NN-name` into its order and slug; returns undefined when the name is not of that form. */
export function parseNumberedName(name: string): { order: number; slug: string } | undefined {
  const match = /^(\d{2})-([a-z0-9]+(?:-[a-z0-9]+)*)(?:\.mdx?)?$/.exec(name);
  if (!match) return undefined;
  return { order: Number(match[1]), slug: match[2]! };
}

/** Results contract shared by the grader, the local runner and the browser (see ARCHITECTURE). */
export { RESULTS_VERSION } from './results-version.ts';
export type Status = 'pass' | 'fail' | 'error';
export interface TestRequest {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
  curl: string;
}
export interface TestResult {
  name: string;
  task_id: string;
  status: Status;
  message?: string;
  output?: string;
  request?: TestRequest;
}
export interface TaskResult {
  id: string;
  title: string;
  status: Status;
}
export interface ResultsDocument {
  version: number;
  status: Status;
  message?: string;
  /** A stable code for errors code must tell apart, e.g. "SYNTAX_ERROR", "TIMEOUT". */
  code?: string;
  tasks: TaskResult[];
  tests: TestResult[];
  durationMs?: number;
}
