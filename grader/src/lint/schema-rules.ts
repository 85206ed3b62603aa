/**
 * Rule family "schema": lesson frontmatter, track.yaml and exercise.yaml against the shared zod
 * schemas (the same ones the site's content collections use), one problem per zod issue, each
 * pointing at the line of the field and ending with the field's own description as the fix.
 */
import type { z } from 'zod';
import { exerciseSchema, lessonSchema, trackSchema } from '../schemas.ts';
import type { ContentTree } from './content-tree.ts';
import type { LintProblem } from './problem.ts';
import { didYouMean } from './text-position.ts';
import type { YamlSource } from './yaml-source.ts';

export function checkSchemas(tree: ContentTree): LintProblem[] {
  const problems: LintProblem[] = [];
  for (const track of tree.tracks) {
    if (track.yaml)
      problems.push(
        ...checkAgainst(trackSchema, track.yaml, `${track.dir}/track.yaml`, 'TRACK_SCHEMA', 'track.yaml'),
      );
  }
  for (const lesson of tree.lessons) {
    if (lesson.frontmatter)
      problems.push(
        ...checkAgainst(lessonSchema, lesson.frontmatter, lesson.file, 'LESSON_SCHEMA', 'frontmatter'),
      );
  }
  for (const exercise of tree.exercises) {
    if (exercise.yaml) {
      problems.push(
        ...checkAgainst(
          exerciseSchema,
          exercise.yaml,
          `${exercise.dir}/exercise.yaml`,
          'EXERCISE_SCHEMA',
          'exercise.yaml',
        ),
      );
    }
  }
  return problems;
}

type AnySchema = z.ZodType;

function checkAgainst(
  schema: AnySchema,
  source: YamlSource,
  file: string,
  code: string,
  where: string,
): LintProblem[] {
  if (source.errors.length > 0) return []; // Syntax errors are already reported; the value is unknown.
  const value = source.value ?? {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    return [
      {
        code,
        severity: 'error',
        file,
        line: source.lineOf([]),
        message: `the ${where} is not a list of "key: value" fields`,
        fix: 'write one "field: value" per line (see AUTHORING.md)',
      },
    ];
  }
  const result = schema.safeParse(value);
  if (result.success) return [];
  return result.error.issues.flatMap((issue) =>
    describeIssue(schema, issue as Issue, value).map((text) => ({
      code,
      severity: 'error' as const,
      file,
      line: source.lineOf(text.path),
      message: `${where} ${text.message}`,
      fix: text.fix,
    })),
  );
}

interface Issue {
  code: string;
  path: PropertyKey[];
  message: string;
  expected?: string;
  origin?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  values?: unknown[];
  keys?: string[];
}

function describeIssue(
  schema: AnySchema,
  issue: Issue,
  root: unknown,
): { path: PropertyKey[]; message: string; fix: string }[] {
  const name = issue.path
    .map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? String(part) : `.${String(part)}`))
    .join('');
  const received = valueAt(root, issue.path);
  const about = fieldDescription(schema, issue.path);
  const explain = (action: string) =>
    about ? `${action} (${name}: ${lowerFirst(about).replace(/\.$/, '')})` : action;
  switch (issue.code) {
    case 'unrecognized_keys': {
      const allowed = Object.keys(shapeAt(schema, issue.path) ?? {});
      return (issue.keys ?? []).map((key) => ({
        path: [...issue.path, key],
        message: `has an unknown field "${[...issue.path.map(String), key].join('.')}"${didYouMean(key, allowed)}`,
        fix: `remove it or correct its name; allowed fields: ${allowed.join(', ')}`,
      }));
    }
    case 'invalid_type': {
      if (received === undefined) {
        return [
          {
            path: issue.path.slice(0, -1),
            message: `has no "${name}"`,
            fix: explain(`add "${String(issue.path.at(-1))}:"`),
          },
        ];
      }
      const quotedNumber =
        issue.expected === 'number' && typeof received === 'string' && /^\d+$/.test(received.trim());
      const action = quotedNumber
        ? `remove the quotes: ${String(issue.path.at(-1))}: ${String(received).trim()}`
        : `write ${article(issue.expected ?? 'value')}`;
      return [
        {
          path: issue.path,
          message: `"${name}" should be ${article(issue.expected ?? 'value')}, got ${show(received)}`,
          fix: explain(action),
        },
      ];
    }
    case 'too_small':
    case 'too_big': {
      const limit = Number(issue.code === 'too_small' ? issue.minimum : issue.maximum);
      const word = issue.code === 'too_small' ? 'at least' : 'at most';
      if (issue.origin === 'string') {
        return [
          {
            path: issue.path,
            message: `"${name}" is ${show(received)}, ${String(received).length} characters long`,
            fix: explain(`make it ${word} ${limit} characters`),
          },
        ];
      }
      if (issue.origin === 'array') {
        return [
          {
            path: issue.path,
            message: `"${name}" has ${(received as unknown[]).length} item(s)`,
            fix: explain(`list ${word} ${limit}`),
          },
        ];
      }
      return [
        {
          path: issue.path,
          message: `"${name}" is ${show(received)}`,
          fix: explain(`use a value ${word} ${limit}`),
        },
      ];
    }
    case 'invalid_value':
      return [
        {
          path: issue.path,
          message: `"${name}" is ${show(received)}${didYouMean(String(received), (issue.values ?? []).map(String))}`,
          fix: `use one of ${(issue.values ?? []).map((v) => `"${String(v)}"`).join(', ')}`,
        },
      ];
    case 'invalid_format':
      return [
        {
          path: issue.path,
          message: `"${name}" is ${show(received)}, which is not allowed`,
          fix: issue.message,
        },
      ];
    default:
      return [{ path: issue.path, message: `"${name}": ${issue.message}`, fix: explain('correct it') }];
  }
}

const article = (type: string) =>
  ({
    string: 'text',
    number: 'a number',
    array: 'a list',
    object: 'a group of fields',
    boolean: 'true or false',
  })[type] ?? `a ${type}`;
const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (value !== null && typeof value === 'object') return 'a group of fields';
  const text = typeof value === 'string' ? `"${value}"` : String(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

function valueAt(root: unknown, path: PropertyKey[]): unknown {
  let node = root;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node;
}

/** Unwraps optional/default/nullable wrappers to reach the schema that describes the data. */
function unwrap(schema: AnySchema): AnySchema {
  let current = schema as AnySchema & { _zod: { def: { innerType?: AnySchema } } };
  while (current._zod.def.innerType) current = current._zod.def.innerType as typeof current;
  return current;
}

function childAt(schema: AnySchema, key: PropertyKey): AnySchema | undefined {
  const inner = unwrap(schema) as AnySchema & {
    _zod: { def: { shape?: Record<string, AnySchema>; element?: AnySchema } };
  };
  if (typeof key === 'number') return inner._zod.def.element;
  return inner._zod.def.shape?.[String(key)];
}

function shapeAt(schema: AnySchema, path: PropertyKey[]): Record<string, AnySchema> | undefined {
  let node: AnySchema | undefined = schema;
  for (const key of path) node = node && childAt(node, key);
  return (
    node &&
    (unwrap(node) as AnySchema & { _zod: { def: { shape?: Record<string, AnySchema> } } })._zod.def.shape
  );
}

/** The `.describe()` text of the field at `path`, read through optional/default wrappers. */
function fieldDescription(schema: AnySchema, path: PropertyKey[]): string | undefined {
  let node: AnySchema | undefined = schema;
  for (const key of path) node = node && childAt(node, key);
  if (!node) return undefined;
  let current: AnySchema & { _zod: { def: { innerType?: AnySchema } } } = node as never;
  for (;;) {
    if (current.description) return current.description;
    if (!current._zod.def.innerType) return undefined;
    current = current._zod.def.innerType as never;
  }
}
