/**
 * Copies a template file or folder from grader/templates/, replacing `{{name}}` placeholders in file
 * contents and file names. It never overwrites: every target is checked before anything is written.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ScaffoldError } from './scaffold-error.ts';

export const templatesDir = path.resolve(import.meta.dirname, '../../templates');

export type Values = Record<string, string>;

const fill = (text: string, values: Values) =>
  text.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => values[name] ?? whole);

/** Renders `template` (relative to grader/templates) to `target` (relative to `root`); returns the files written. */
export function renderTemplate(template: string, root: string, target: string, values: Values): string[] {
  const source = path.join(templatesDir, template);
  const plan: { from: string; to: string }[] = [];
  const walk = (from: string, to: string) => {
    if (statSync(from).isDirectory()) {
      for (const name of readdirSync(from).sort())
        walk(path.join(from, name), path.join(to, fill(name, values)));
    } else plan.push({ from, to });
  };
  walk(source, path.join(root, target));
  const taken =
    plan.find((file) => existsSync(file.to)) ??
    (existsSync(path.join(root, target)) ? { to: path.join(root, target) } : undefined);
  if (taken)
    throw new ScaffoldError(
      'EXISTS',
      `${path.relative(root, taken.to).split(path.sep).join('/')} already exists; nothing was written. Choose another slug or remove it first.`,
    );
  for (const file of plan) {
    mkdirSync(path.dirname(file.to), { recursive: true });
    writeFileSync(file.to, fill(readFileSync(file.from, 'utf8'), values), { flag: 'wx' });
  }
  return plan.map((file) => path.relative(root, file.to).split(path.sep).join('/'));
}
