/**
 * Rule family "sql": SQL in an exercise's starter/, solution/ and tests/ must run on SQLite 3.34.
 * Only SQL is checked — string literals and template literals that read as SQL (found with the
 * TypeScript parser, so JS identifiers and comments never match) and whole `.sql` files.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import type { ContentTree, ExerciseEntry } from './content-tree.ts';
import type { LintProblem } from './problem.ts';
import { SQLITE_FEATURES } from './sqlite-features.ts';
import { lineIndex } from './text-position.ts';

const SCRIPT = /\.(?:c|m)?[jt]s$/;

/** Text that starts like, or is built like, an SQL statement. */
const LOOKS_LIKE_SQL =
  /^\s*(?:SELECT|INSERT|UPDATE|DELETE|CREATE|DROP|ALTER|WITH|PRAGMA|REPLACE|BEGIN|COMMIT)\b|\bSELECT\b[\s\S]+\bFROM\b|\bINSERT\s+(?:OR\s+\w+\s+)?INTO\b|\bUPDATE\s+\S+\s+SET\b|\bDELETE\s+FROM\b|\bCREATE\s+(?:TEMP\w*\s+)?(?:TABLE|(?:UNIQUE\s+)?INDEX|VIEW|TRIGGER)\b|\bALTER\s+TABLE\b/i;

export function checkSql(tree: ContentTree): LintProblem[] {
  return tree.exercises.flatMap((exercise) => checkExercise(tree.root, exercise));
}

function checkExercise(root: string, exercise: ExerciseEntry): LintProblem[] {
  const files = [
    ...(exercise.starterFiles ?? []).map((file) => `starter/${file}`),
    ...(exercise.solutionFiles ?? []).map((file) => `solution/${file}`),
    ...exercise.tests.map((test) => test.file.slice(exercise.dir.length + 1)),
  ];
  const problems: LintProblem[] = [];
  for (const file of files) {
    if (!SCRIPT.test(file) && !file.endsWith('.sql')) continue;
    const relative = `${exercise.dir}/${file}`;
    const text = readFileSync(path.join(root, relative), 'utf8');
    const line = lineIndex(text);
    const snippets = file.endsWith('.sql') ? [{ start: 0, text }] : sqlStrings(file, text);
    for (const snippet of snippets) {
      const sql = blankSqlLiteralsAndComments(snippet.text);
      for (const feature of SQLITE_FEATURES) {
        const match = feature.pattern.exec(sql);
        if (!match) continue;
        problems.push({
          code: feature.severity === 'warning' ? 'SQL_MAYBE_UNSUPPORTED' : 'SQL_TOO_NEW',
          severity: feature.severity ?? 'error',
          file: relative,
          line: line(snippet.start + match.index),
          message:
            feature.severity === 'warning'
              ? `"${match[0].trim()}" uses ${feature.name} (SQLite ${feature.since}+), which the browser's SQLite may lack`
              : `"${match[0].trim()}" uses ${feature.name}, added in SQLite ${feature.since}; learners' browsers run SQLite 3.34, where this SQL fails`,
          fix: feature.instead,
        });
      }
    }
  }
  return problems;
}

/** String and template literals that look like SQL, with their offset in the file and the quotes and ${…} blanked. */
export function sqlStrings(file: string, text: string): { start: number; text: string }[] {
  const source = ts.createSourceFile(
    file,
    text,
    ts.ScriptTarget.Latest,
    true,
    file.endsWith('ts') ? ts.ScriptKind.TS : ts.ScriptKind.JS,
  );
  const found: { start: number; text: string }[] = [];
  const visit = (node: ts.Node) => {
    if (
      ts.isStringLiteral(node) ||
      ts.isNoSubstitutionTemplateLiteral(node) ||
      ts.isTemplateExpression(node)
    ) {
      const start = node.getStart(source);
      const chars = text.slice(start, node.getEnd()).split('');
      chars[0] = ' ';
      chars[chars.length - 1] = ' ';
      if (ts.isTemplateExpression(node)) {
        for (const span of node.templateSpans) {
          // Blank "${ expression }" so code inside the template is never read as SQL.
          for (let i = span.expression.getStart(source) - 2; i < span.literal.getStart(source) + 1; i++)
            chars[i - start] = ' ';
        }
      }
      const literal = chars.join('');
      if (LOOKS_LIKE_SQL.test(literal)) found.push({ start, text: literal });
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Blanks 'quoted values', -- and block comments in SQL, keeping every offset. */
function blankSqlLiteralsAndComments(sql: string): string {
  return sql.replace(/'(?:[^']|'')*'|--[^\n]*|\/\*[\s\S]*?\*\//g, (part) => part.replace(/[^\n]/g, ' '));
}
