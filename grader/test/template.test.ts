import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { repoRoot, templateDir } from '../src/index.ts';

const readJson = (file: string) =>
  JSON.parse(readFileSync(file, 'utf8')) as Record<string, Record<string, string>>;

test("pins every template dependency to the root package.json's exact version", () => {
  const root = readJson(join(repoRoot, 'package.json'));
  const template = readJson(join(templateDir, 'package.json'));
  for (const [name, version] of Object.entries(template.dependencies!)) {
    expect({ name, version }).toEqual({
      name,
      version: root.dependencies![name] ?? root.devDependencies![name],
    });
  }
});

test('ships a lockfile that resolves the same pinned versions and no node_modules folder', () => {
  const template = readJson(join(templateDir, 'package.json'));
  const lock = JSON.parse(readFileSync(join(templateDir, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { version?: string; dependencies?: Record<string, string> }>;
  };
  expect(lock.packages['']!.dependencies).toEqual(template.dependencies);
  for (const [name, version] of Object.entries(template.dependencies!)) {
    expect(lock.packages[`node_modules/${name}`]?.version).toBe(version);
  }
  expect(existsSync(join(templateDir, 'node_modules'))).toBe(false);
});

test('asks WebContainers for Node 22, which Vitest 5 needs (they default to Node 20)', () => {
  const template = readJson(join(templateDir, 'package.json'));
  const lock = JSON.parse(readFileSync(join(templateDir, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { engines?: Record<string, string> }>;
  };
  expect(template.engines?.node).toMatch(/^22\.(1[2-9]|[2-9]\d)\.\d+$/);
  expect(lock.packages['']!.engines).toEqual(template.engines);
});
