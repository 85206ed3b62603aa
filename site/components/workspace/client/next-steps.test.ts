import { expect, test } from 'vitest';
import type { ExerciseProgress } from '../../../lib/progress/progress-store.ts';
import { trackStanding, type NextStepsData } from './next-steps.ts';

const data: NextStepsData = {
  track: { title: 'How the back end works', url: '/learn/x/', exercises: ['a', 'b', 'c'] },
  progressUrl: '/progress/',
};
const done: ExerciseProgress = { status: 'done', tasksPassed: [], tasksTotal: 1, checks: 1, updatedAt: 1 };
const started: ExerciseProgress = { ...done, status: 'in-progress' };

test('the exercise just passed counts as done, with those done before', () => {
  expect(trackStanding(data, { a: done, c: started }, 'b')).toBe(
    '2 of 3 exercises in How the back end works done.',
  );
});

test('a finished track says so', () => {
  expect(trackStanding(data, { a: done, b: done }, 'c')).toBe(
    'All 3 exercises in How the back end works done.',
  );
});
