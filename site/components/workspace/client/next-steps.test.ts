import { expect, test } from 'vitest';
import type { ExerciseProgress } from '../../../lib/progress/progress-store.ts';
import { trackCounts, type NextStepsData } from './next-steps.ts';

const data: NextStepsData = {
  track: { title: 'How the back end works', url: '/learn/x/', exercises: ['a', 'b', 'c'] },
  progressUrl: '/progress/',
};
const done: ExerciseProgress = { status: 'done', tasksPassed: [], tasksTotal: 1, checks: 1, updatedAt: 1 };
const started: ExerciseProgress = { ...done, status: 'in-progress' };

test('the exercise just passed counts as done, with those done before', () => {
  expect(trackCounts(data, { a: done, c: started }, 'b')).toEqual({ done: 2, total: 3 });
});

test('the last exercise done finishes the track', () => {
  expect(trackCounts(data, { a: done, b: done }, 'c')).toEqual({ done: 3, total: 3 });
});
