import { describe, expect, test } from 'vitest';
import {
  addVersion,
  checkLabel,
  isSolution,
  isStarter,
  MAX_VERSIONS,
  versionTime,
  type Version,
} from './version-history.ts';

const exercise = {
  starter: { 'app.js': 'starter' },
  solution: { 'app.js': 'solution' },
  editable: ['app.js'],
};

const version = (id: string, content: string, label = 'before Reset'): Version => ({
  id,
  savedAt: Number(id.slice(1)),
  label,
  files: { 'app.js': content },
});

describe('which files are the learner’s own', () => {
  test('the starter untouched and the solution are not', () => {
    expect(isStarter({ 'app.js': 'starter' }, exercise)).toBe(true);
    expect(isSolution({ 'app.js': 'solution' }, exercise)).toBe(true);
    expect(isStarter({ 'app.js': 'mine' }, exercise)).toBe(false);
    expect(isSolution({ 'app.js': 'mine' }, exercise)).toBe(false);
  });

  test('the solution beside a file the learner added is theirs', () => {
    expect(isSolution({ 'app.js': 'solution', 'menu.js': 'mine' }, exercise)).toBe(false);
  });
});

describe('adding a version', () => {
  test('puts it first and keeps the newest ten', () => {
    let history = { versions: [] as Version[] };
    for (let i = 1; i <= MAX_VERSIONS + 2; i++) history = addVersion(history, version(`v${i}`, `code ${i}`));
    expect(history.versions).toHaveLength(MAX_VERSIONS);
    expect(history.versions[0]!.id).toBe(`v${MAX_VERSIONS + 2}`);
    expect(history.versions.at(-1)!.id).toBe('v3');
  });

  test('the same files are kept once, and a Check’s label is not replaced by "before …"', () => {
    let history = addVersion(
      { versions: [version('v1', 'mine', 'checked: all 4 pass')] },
      version('v2', 'other'),
    );
    history = addVersion(history, version('v3', 'mine', 'before using the solution'));
    expect(history.versions.map((v) => [v.id, v.label])).toEqual([
      ['v3', 'checked: all 4 pass'],
      ['v2', 'before Reset'],
    ]);
  });
});

test('labels say what a check found', () => {
  expect(checkLabel('fail', 3, 4)).toBe('checked: 3 of 4 pass');
  expect(checkLabel('pass', 4, 4)).toBe('checked: all 4 pass');
  expect(checkLabel('error', 0, 4)).toBe('checked: the tests could not run');
});

test('a version from today shows its time only; an older one its day too', () => {
  const now = new Date(2026, 10, 30, 15, 0).getTime();
  expect(versionTime(new Date(2026, 10, 30, 14, 3).getTime(), now)).toMatch(/^\d\d.\d\d/);
  expect(versionTime(new Date(2026, 10, 28, 14, 3).getTime(), now)).toMatch(/\D+ \d\d.\d\d/);
  expect(versionTime(new Date(2026, 9, 1, 14, 3).getTime(), now)).toContain(',');
});
