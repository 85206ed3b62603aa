import { describe, expect, test } from 'vitest';
import { mergeProgress, parseProgressExport, type ExerciseProgress } from './progress-store.ts';

const entry = (status: ExerciseProgress['status'], updatedAt: number): ExerciseProgress => ({
  status,
  tasksPassed: [],
  tasksTotal: 2,
  checks: 1,
  updatedAt,
});

describe('progress export', () => {
  test('rejects a file that is not a progress export, saying what it lacks', () => {
    expect(() => parseProgressExport('{"hello":1}')).toThrowErrorMatchingInlineSnapshot(
      `[Error: That file is not a Backend Kitchen progress export: it lacks "app": "backend-kitchen" and "kind": "progress".]`,
    );
    expect(() => parseProgressExport('nope')).toThrow(/not JSON/);
  });

  test('rejects an unknown status, naming the exercise', () => {
    const text = JSON.stringify({
      app: 'backend-kitchen',
      kind: 'progress',
      version: 1,
      progress: { menu: { status: 'won' } },
    });
    expect(() => parseProgressExport(text)).toThrow('Exercise "menu" in that export has status "won"');
  });

  test('merging keeps "done" over "in-progress" and otherwise the newer entry', () => {
    const merged = mergeProgress(
      { menu: entry('done', 1), orders: entry('in-progress', 5) },
      { menu: entry('in-progress', 9), orders: entry('in-progress', 7), errors: entry('done', 3) },
    );
    expect(merged.menu!.status).toBe('done');
    expect(merged.orders!.updatedAt).toBe(7);
    expect(merged.errors!.status).toBe('done');
  });
});
